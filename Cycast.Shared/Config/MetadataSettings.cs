namespace Cycast.Shared.Config;

/// <summary>The <c>metadata { }</c> block: the station as listeners see it; mounts inherit the station_* values.</summary>
/// <param name="StationName"><c>station_name</c> (default "Cycast Radio").</param>
/// <param name="StationDescription"><c>station_description</c> (default "Your Description").</param>
/// <param name="StationGenre"><c>station_genre</c> (default "Various").</param>
/// <param name="StationUrl"><c>station_url</c> (default "http://localhost:8001").</param>
/// <param name="EnableIcy"><c>enable_icy</c>: send ICY metadata to listeners that ask for it (default true).</param>
/// <param name="IcyMetaint"><c>icy_metaint</c>: audio bytes between metadata blocks, 1-1048576 (default 16000).</param>
/// <param name="Admin"><c>admin</c>: the contact Icecast's stats show as <c>&lt;admin&gt;</c> (default Icecast's "icemaster@localhost").</param>
/// <param name="Location"><c>location</c>: where the station is, Icecast's <c>&lt;location&gt;</c> (default Icecast's "Earth").</param>
public sealed record MetadataSettings(
    string StationName, string StationDescription, string StationGenre, string StationUrl, bool EnableIcy, int IcyMetaint,
    string Admin = MetadataSettings.DefaultAdmin, string Location = MetadataSettings.DefaultLocation)
{
    public const string DefaultAdmin = "icemaster@localhost", DefaultLocation = "Earth";
}
