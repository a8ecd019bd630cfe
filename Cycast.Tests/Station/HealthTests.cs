using System.Net;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary><c>/health/live</c> and <c>/health/ready</c>, as a load balancer or Docker probes them.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Live_answers_200_while_the_process_serves()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        using var reply = await http.GetAsync(station.Url("/health/live"));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_200_on_a_running_single_node()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        // The node joins itself just after it starts: ready may say 503 for that moment, then must say 200.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        HttpStatusCode status;
        while (true)
        {
            using var reply = await http.GetAsync(station.Url("/health/ready"));
            status = reply.StatusCode;
            if (status == HttpStatusCode.OK || DateTime.UtcNow > deadline)
                break;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
