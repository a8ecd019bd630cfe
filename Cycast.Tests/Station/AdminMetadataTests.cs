using System.Net;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>Icecast's admin/metadata call, on both ports, with Icecast's replies.</summary>
public sealed class AdminMetadataTests
{
    [Fact]
    public async Task An_update_is_answered_with_icecasts_xml_on_both_ports()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        foreach (var port in new[] { station.SourcePort, station.ListenPort })
        {
            using var response = await SendAsync(port, "mount=/stream&mode=updinfo&song=A%20-%20B", TestStation.Password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("<?xml version=\"1.0\"?>\n<iceresponse><message>Metadata update successful</message><return>1</return></iceresponse>\n",
                await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_latin1_title_is_decoded_with_the_charset_it_names()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        // "Björk - Jóga" in ISO-8859-1, percent-encoded byte by byte as a Latin-1 encoder sends it.
        using var response = await SendAsync(station.SourcePort, "mount=/stream&mode=updinfo&charset=ISO-8859-1&song=Bj%F6rk%20-%20J%F3ga", TestStation.Password);
        response.EnsureSuccessStatusCode();
        using var http = new HttpClient();
        var status = await http.GetStringAsync(station.Url("/api/status"));
        Assert.Contains("\"artist\":\"Bj\\u00F6rk\"", status);
        Assert.Contains("\"title\":\"J\\u00F3ga\"", status);
    }

    [Fact]
    public async Task Libshouts_separate_artist_and_title_become_artist_dash_title()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        using var response = await SendAsync(station.SourcePort, "mode=updinfo&mount=/stream&artist=Portishead&title=Roads", TestStation.Password);
        response.EnsureSuccessStatusCode();
        using var http = new HttpClient();
        var status = await http.GetStringAsync(station.Url("/api/status"));
        Assert.Contains("\"metadata\":{\"title\":\"Roads\",\"artist\":\"Portishead\"}", status);
    }

    [Fact]
    public async Task A_wrong_password_gets_401_and_a_log_line()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        using var response = await SendAsync(station.SourcePort, "mount=/stream&mode=updinfo&song=x", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Icecast2 Server\"", response.Headers.WwwAuthenticate.ToString());
        await station.Logs.WaitForAsync(line => line.Contains("Refused metadata update for /stream"));
    }

    [Fact]
    public async Task Without_a_live_source_the_update_is_refused_as_icecast_does()
    {
        await using var station = await TestStation.StartAsync();
        using var response = await SendAsync(station.SourcePort, "mount=/stream&mode=updinfo&song=x", TestStation.Password);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Source does not exist", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_mode_is_no_such_action()
    {
        await using var station = await TestStation.StartAsync();
        using var response = await SendAsync(station.SourcePort, "mount=/stream&mode=bogus", TestStation.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<message>No such action</message><return>0</return>", await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> SendAsync(int port, string query, string password) =>
        TestEncoder.MetadataAsync(port, query, password);
}
