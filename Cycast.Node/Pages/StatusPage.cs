using System.Net;
using Cycast.Node.Api;
using Cycast.Shared.Icy;

namespace Cycast.Node.Pages;

/// <summary>
/// <c>GET /</c>: the station at a glance, with a player, and the cluster's listeners per node and mount. The numbers
/// are rendered on the server, and the page takes its live part from a fresh rendering every 5 s, so the figures are
/// drawn in one place only and the page is right even with scripts off.
/// </summary>
public static class StatusPage
{
    public static void MapStatusPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/", async (StationStatus status) =>
            Results.Content(Render(await StatusEndpoints.StatusAsync(status), status.DefaultMount), "text/html; charset=utf-8"));

    private static string Render(StatusResponse status, string mount)
    {
        var nowPlaying = new TrackTitle(status.Metadata.Artist, status.Metadata.Title).StreamTitle;
        return $$"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{E(status.StationName)}} · Cycast</title>
<style>
  body { font-family: system-ui, sans-serif; background: #10141c; color: #e8ecf3; margin: 0; display: grid; place-items: center; min-height: 100vh; }
  main { background: #1a2130; border-radius: 16px; padding: 2rem 2.5rem; width: min(34rem, 90vw); box-shadow: 0 10px 40px #0008; }
  h1 { margin: 0 0 .2rem; font-size: 1.8rem; }
  .genre { color: #8fa3c0; margin: 0 0 1.5rem; }
  .now { font-size: 1.2rem; margin: .3rem 0 1.2rem; min-height: 1.5em; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .4rem 1.2rem; margin: 1.2rem 0 0; }
  dt { color: #8fa3c0; } dd { margin: 0; }
  .live { color: #4ade80; } .off { color: #f87171; }
  audio { width: 100%; margin-top: .5rem; }
  footer { margin-top: 1.5rem; color: #5d6f8c; font-size: .85rem; }
  table { width: 100%; border-collapse: collapse; margin-top: 1.2rem; font-size: .85rem; }
  caption { text-align: left; color: #8fa3c0; padding-bottom: .3rem; }
  th, td { padding: .2rem .4rem; text-align: right; } th { font-weight: normal; color: #8fa3c0; }
  th[scope=row] { text-align: left; word-break: break-all; }
  tfoot td { font-weight: bold; }
</style>
</head>
<body>
<main>
  <h1 id="station">{{E(status.StationName)}}</h1>
  <p class="genre" id="genre">{{E(status.StationGenre)}}</p>
  <section id="live">
    <div>Now playing</div>
    <div class="now" id="now">{{E(nowPlaying.Length > 0 ? nowPlaying : "—")}}</div>
    <dl>
      <dt>Source</dt><dd id="source" class="{{(status.SourceConnected ? "live" : "off")}}">{{E(status.SourceStatus)}}</dd>
      <dt>Listeners</dt><dd id="listeners">{{status.Listeners}}</dd>
      <dt>Uptime</dt><dd id="uptime">{{E(status.UptimeFormatted)}}</dd>
    </dl>
    {{SpreadTable(status)}}
    <p id="not-answering" class="off"{{(status.NodesNotAnswering.Count == 0 ? " hidden" : "")}}>Not answering: <span>{{E(string.Join(", ", status.NodesNotAnswering))}}</span></p>
    <p id="entity-moving" class="off"{{(status.MountEntityAnswering ? " hidden" : "")}}>The stream is moving to another node: this node's last view of it.</p>
  </section>
  <audio id="player" controls preload="none" src="{{E(mount)}}"></audio>
  <p>Stream: <a href="{{E(mount)}}" style="color:#93c5fd">{{E(mount)}}</a></p>
  <footer>Cycast · <a href="/api/status" style="color:#5d6f8c">/api/status</a></footer>
</main>
<script>
// The server renders the page; every few seconds the live part is taken from a fresh rendering, so the figures are
// drawn in one place only, and the player is never touched.
async function refresh() {
  try {
    const html = await (await fetch('/', { cache: 'no-store' })).text();
    document.getElementById('live').replaceWith(new DOMParser().parseFromString(html, 'text/html').getElementById('live'));
  } catch (e) { /* the next refresh tries again */ }
}
setInterval(refresh, 5000);
</script>
</body>
</html>
""";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Rows are nodes, columns mounts; the last column and the footer are the totals.</summary>
    private static string SpreadTable(StatusResponse status)
    {
        string Row(string label, IEnumerable<int> counts, int total, string? node = null) =>
            $"<tr{(node is null ? "" : $" data-node=\"{E(node)}\"")}><th scope=\"row\">{E(label)}</th>"
            + string.Concat(counts.Select(count => $"<td>{count}</td>")) + $"<td>{total}</td></tr>";
        var mounts = status.Mounts;
        var head = string.Concat(mounts.Select(mount => $"<th scope=\"col\">{E(mount.Mount)}</th>"));
        var nodes = string.Concat(status.Nodes.Select(node =>
            Row(node.Node, mounts.Select(mount => mount.ListenersByNode.GetValueOrDefault(node.Node)), node.Listeners, node.Node)));
        return $"<table id=\"spread\"><caption>Listeners per node and mount</caption>"
            + $"<thead><tr><th scope=\"col\">Node</th>{head}<th scope=\"col\">All mounts</th></tr></thead>"
            + $"<tbody>{nodes}</tbody>"
            + $"<tfoot>{Row("Cluster", mounts.Select(mount => mount.Listeners), status.Listeners)}</tfoot></table>";
    }
}
