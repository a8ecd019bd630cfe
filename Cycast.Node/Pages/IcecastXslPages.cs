using Cycast.Node.Api;

namespace Cycast.Node.Pages;

/// <summary>
/// Icecast 2.4's HTML views, which bookmarks and old tools still open: each is sent (302) to the Cycast page that shows
/// the same, the status page for <c>/status.xsl</c> and the admin page for the admin views. The admin ones ask for
/// the admin's credentials first, as icecast2 does.
/// </summary>
public static class IcecastXslPages
{
    /// <summary>The admin views icecast2 2.4.4 renders through its admin/*.xsl stylesheets.</summary>
    public static readonly string[] AdminViews = ["stats.xsl", "listmounts.xsl", "listclients.xsl", "moveclients.xsl", "updatemetadata.xsl"];

    public static void MapIcecastXslPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status.xsl", () => Results.Redirect("/"));
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminOnly>();
        foreach (var view in AdminViews)
            admin.MapGet("/" + view, () => Results.Redirect("/admin/"));
    }
}
