using System.Net;
using Cycast.Node.Http;
using Cycast.Shared.Config;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Guessing passwords costs a minute every advanced.wrong_password_limit tries, on the source port, /admin/metadata and
/// /admin/*, for the guesser's address alone: honest encoders elsewhere go on as if nothing happened.
/// </summary>
public sealed class PasswordGuessTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("127.0.0.2");
    private const string AdminPassword = "admin-secret";

    [Fact]
    public async Task After_10_wrong_passwords_the_guessers_address_gets_429_everywhere_and_honest_encoders_do_not()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $"admin {{\n  password = \"{AdminPassword}\"\n}}",
        });
        await using var honest = await HonestTraffic.StartAsync(station.SourcePort, station.ListenPort);
        var attackStart = HonestTraffic.Now;

        for (var guess = 1; guess <= 10; guess++)
            Assert.StartsWith("HTTP/1.0 401 ", await SourceFromAsync(Guesser, station.SourcePort, $"guess{guess}"));
        var waiting = await SourceFromAsync(Guesser, station.SourcePort, "guess11");
        Assert.StartsWith("HTTP/1.0 429 Too Many Requests\r\n", waiting);
        Assert.Matches(@"Retry-After: (60|59|58)\r\n", waiting);
        // Waiting means waiting: the right password tells the guesser nothing until the minute has passed.
        Assert.StartsWith("HTTP/1.0 429 ", await SourceFromAsync(Guesser, station.SourcePort, TestStation.Password, "/other"));
        Assert.StartsWith("HTTP/1.1 429 ", await GetFromAsync(Guesser, station.SourcePort, "/admin/metadata?mount=/stream&mode=updinfo&song=x", TestEncoder.Auth()));
        Assert.StartsWith("HTTP/1.1 429 ", await GetFromAsync(Guesser, station.ListenPort, "/admin/stats", Basic("admin", AdminPassword)));
        await station.Logs.WaitForAsync(line => line.StartsWith("Warning") && line.Contains("from 127.0.0.2") && line.Contains("too many wrong passwords"));

        Assert.StartsWith("HTTP/1.0 401 ", await SourceFromAsync(IPAddress.Loopback, station.SourcePort, "a typo"));
        Assert.StartsWith("HTTP/1.0 200 OK", await SourceFromAsync(IPAddress.Loopback, station.SourcePort, TestStation.Password, "/other"));
        Assert.StartsWith("HTTP/1.1 200 ", await GetFromAsync(IPAddress.Loopback, station.SourcePort, "/admin/metadata?mount=/stream&mode=updinfo&song=x", TestEncoder.Auth()));
        Assert.StartsWith("HTTP/1.1 200 ", await GetFromAsync(IPAddress.Loopback, station.ListenPort, "/admin/stats", Basic("admin", AdminPassword)));
        honest.AssertNoGapSince(attackStart, "password guessing");
    }

    [Fact]
    public void The_wait_ends_with_the_minute_and_missing_credentials_are_not_guesses()
    {
        var clock = new ManualClock();
        var guesses = new PasswordGuesses(SettingsLoader.Parse("advanced {\n  wrong_password_limit = 3\n}", "test.hcl").Settings, clock);
        bool Right(string? authorization) => authorization == "right";
        for (var i = 0; i < 20; i++)
            Assert.Equal(CredentialVerdict.Refused, guesses.Check(Guesser, null, Right));
        for (var i = 0; i < 3; i++)
            Assert.Equal(CredentialVerdict.Refused, guesses.Check(Guesser, "wrong", Right));
        Assert.Equal(CredentialVerdict.Waiting, guesses.Check(Guesser, "right", Right));
        Assert.Equal(CredentialVerdict.Allowed, guesses.Check(IPAddress.Loopback, "right", Right));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(CredentialVerdict.Waiting, guesses.Check(Guesser, "right", Right));
        Assert.Equal(TimeSpan.FromSeconds(1), guesses.WaitLeft(Guesser));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CredentialVerdict.Allowed, guesses.Check(Guesser, "right", Right));
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static async Task<string> SourceFromAsync(IPAddress from, int port, string password, string mount = "/stream")
    {
        await using var client = await RawClient.ConnectAsync(port, from: from);
        await client.SendAsync($"SOURCE {mount} HTTP/1.0\r\nAuthorization: {TestEncoder.Auth(password)}\r\nContent-Type: audio/mpeg\r\n\r\n");
        return await client.ReadHeadAsync();
    }

    private static async Task<string> GetFromAsync(IPAddress from, int port, string target, string authorization)
    {
        await using var client = await RawClient.ConnectAsync(port, from: from);
        await client.SendAsync($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {authorization}\r\n\r\n");
        return await client.ReadHeadAsync();
    }
}
