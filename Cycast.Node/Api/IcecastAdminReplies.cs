using System.Text;
using System.Xml.Linq;
using Cycast.Node.Http;

namespace Cycast.Node.Api;

/// <summary>
/// Icecast 2.4's admin replies, as a running icecast2 2.4.4 writes them (captures in Cycast.Tests/Fixtures): an
/// <c>&lt;iceresponse&gt;</c> for commands, an <c>&lt;icestats&gt;</c> document for views, an HTML page for errors.
/// </summary>
public static class IcecastAdminReplies
{
    public static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Icecast2 Server\"";
        return Results.Text("You need to authenticate\r\n", "text/plain; charset=utf-8", statusCode: 401);
    }

    /// <summary>As <see cref="IcecastResponse.TooManyGuesses"/>, for the HTTP side.</summary>
    public static IResult TooManyGuesses(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = IcecastResponse.RetryAfterSeconds(wait);
        return Results.Text("Too many wrong passwords, try again later\r\n", "text/plain; charset=utf-8", statusCode: 429);
    }

    public static IResult BadRequest(string message) => Results.Content(
        $"<html><head><title>Error 400</title></head><body><b>400 - {System.Net.WebUtility.HtmlEncode(message)}</b></body></html>\r\n",
        "text/html; charset=utf-8", Encoding.UTF8, 400);

    /// <summary>A command's answer: return 1 when it was done, 0 when there was nothing to do.</summary>
    public static IResult Response(string message, int returnCode) =>
        Document(new XElement("iceresponse", new XElement("message", message), new XElement("return", returnCode)));

    /// <summary>Icecast's layout: the declaration on a line of its own, the document on one line, no indentation.</summary>
    public static IResult Document(XElement root) => Results.Content(
        "<?xml version=\"1.0\"?>\n" + root.ToString(SaveOptions.DisableFormatting) + "\n", "text/xml; charset=utf-8", Encoding.UTF8);
}
