namespace Cycast.Node.Http;

/// <summary>What <see cref="ProxyProtocolHeader.TryParse"/> found at the start of a connection.</summary>
public enum ProxyHeaderStatus
{
    /// <summary>The connection does not start with a PROXY protocol header: its first bytes are the request.</summary>
    Absent,
    /// <summary>It may be one; more bytes are needed to tell, or to read it whole.</summary>
    Incomplete,
    Complete,
    Malformed,
}
