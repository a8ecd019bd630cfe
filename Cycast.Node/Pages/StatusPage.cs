using System.Net;
using Cycast.Node.Api;
using Cycast.Shared.Icy;

namespace Cycast.Node.Pages;

/// <summary>
/// <c>GET /</c>: the station at a glance, with a player, the cluster's listeners per node and mount, and a chart of
/// each node's listeners over the last hour. The figures are rendered on the server, so the page is right even with
/// scripts off; the script follows <c>/api/live</c>: while the page's layout holds (the same nodes, mounts, title and
/// source) it puts each push's numbers into their cells, and when it changes it takes the live part from a fresh
/// rendering, so the markup is drawn in one place only.
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
{{PageHead.Open($"{E(status.StationName)} · Cycast")}}
  body { display: grid; place-items: center; min-height: 100vh; }
  main { width: min(34rem, 100%); }
  h1 { margin: 0 0 .2rem; font-size: 1.8rem; overflow-wrap: anywhere; }
  .genre { color: #8fa3c0; margin: 0 0 .5rem; }
  .about { margin: 0 0 1.5rem; overflow-wrap: anywhere; } .about a { color: #8fb8ff; }
  .now { font-size: 1.2rem; margin: .3rem 0 1.2rem; min-height: 1.5em; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .4rem 1.2rem; margin: 1.2rem 0 0; }
  dt { color: #8fa3c0; } dd { margin: 0; }
  audio { width: 100%; margin-top: .5rem; }
  footer { margin-top: 1.5rem; color: #5d6f8c; font-size: .85rem; }
  tfoot td { font-weight: bold; }
  figure { margin: 1.2rem 0 0; }
  figcaption { color: #8fa3c0; font-size: .85rem; padding-bottom: .3rem; }
  #chart { display: block; width: 100%; height: 7rem; background: #141a26; border-radius: 6px; }
  #chart-legend { list-style: none; margin: .4rem 0 0; padding: 0; font-size: .8rem; color: #8fa3c0; }
  #chart-legend li { overflow-wrap: anywhere; } #chart-legend span { display: inline-block; width: .8em; height: .8em; margin-right: .4em; border-radius: 2px; }
</style>
</head>
<body>
<main>
  <h1 id="station">{{E(status.StationName)}}</h1>
  <p class="genre" id="genre">{{E(status.StationGenre)}}</p>
  <p class="about" id="about">{{About(status)}}</p>
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
  <figure id="history">
    <figcaption>Listeners per node, last hour</figcaption>
    <svg id="chart" viewBox="0 0 300 100" preserveAspectRatio="none" role="img" aria-label="Listeners per node over the last hour"></svg>
    <ul id="chart-legend"></ul>
  </figure>
  <audio id="player" controls preload="none" src="{{E(mount)}}"></audio>
  <p>Stream: <a href="{{E(mount)}}" style="color:#93c5fd">{{E(mount)}}</a></p>
  <footer>Cycast · <a href="/api/status" style="color:#5d6f8c">/api/status</a></footer>
</main>
<script>
// The server draws the page. /api/live pushes the status: while the layout holds, its numbers go into their cells;
// when the layout changes (a node, a mount, the title, the source), the live part is taken from a fresh rendering.
// The player is never touched.
const colours = ['#60a5fa', '#4ade80', '#f472b6', '#facc15', '#a78bfa', '#fb923c'];
const hour = 3600;
const series = new Map();
let interval = 10, layout = null;

async function refresh() {
  try {
    const page = new DOMParser().parseFromString(await (await fetch('/', { cache: 'no-store' })).text(), 'text/html');
    for (const id of ['live', 'station', 'genre', 'about'])
      document.getElementById(id).replaceWith(page.getElementById(id));
  } catch (e) { /* the next push tries again */ }
}

function place(status) {
  document.getElementById('listeners').textContent = status.listeners;
  document.getElementById('uptime').textContent = status.uptime_formatted;
  const mounts = [...document.querySelectorAll('#spread thead th')].slice(1, -1)
    .map(th => status.mounts.find(mount => mount.mount === th.textContent));
  for (const row of document.querySelectorAll('#spread tbody tr[data-node]')) {
    const cells = row.querySelectorAll('td'), node = row.dataset.node;
    mounts.forEach((mount, i) => cells[i].textContent = mount?.listeners_by_node[node] ?? 0);
    cells[mounts.length].textContent = status.nodes.find(entry => entry.node === node)?.listeners ?? 0;
  }
  const totals = document.querySelectorAll('#spread tfoot td');
  mounts.forEach((mount, i) => totals[i].textContent = mount?.listeners ?? 0);
  totals[mounts.length].textContent = status.listeners;
}

// The newest point of a node moves with every push until the sampling interval has passed, then a new one starts.
function record(node, at, listeners) {
  const points = series.get(node) ?? [];
  if (points.since !== undefined && at - points.since < interval) points[points.length - 1] = [at, listeners];
  else { points.push([at, listeners]); points.since = at; }
  series.set(node, points);
}

function draw() {
  const now = Date.now() / 1000, from = now - hour;
  let most = 1;
  for (const [node, points] of series) {
    while (points.length > 1 && points[1][0] < from) points.shift();
    for (const [, listeners] of points) most = Math.max(most, listeners);
  }
  const svg = document.getElementById('chart'), legend = document.getElementById('chart-legend');
  const lines = [...series].map(([node, points], i) => {
    const coordinates = points.map(([at, listeners]) =>
      `${(Math.max(at, from) - from) / hour * 300},${96 - listeners / most * 90}`).join(' ');
    return `<polyline data-node="${node.replace(/[<>&"]/g, '')}" points="${coordinates}" fill="none" stroke="${colours[i % colours.length]}" stroke-width="2" vector-effect="non-scaling-stroke"/>`;
  });
  svg.innerHTML = `<line x1="0" y1="6" x2="300" y2="6" stroke="#2a3447" vector-effect="non-scaling-stroke"/>` + lines.join('');
  legend.replaceChildren(...[...series].map(([node, points], i) => {
    const item = document.createElement('li'), swatch = document.createElement('span');
    swatch.style.background = colours[i % colours.length];
    item.append(swatch, `${node}: ${points[points.length - 1]?.[1] ?? 0}`);
    return item;
  }));
  svg.setAttribute('aria-label', `Listeners per node over the last hour, at most ${most}`);
}

async function loadHistory() {
  try {
    const history = await (await fetch('/api/history', { cache: 'no-store' })).json();
    interval = history.interval_seconds;
    for (const node of history.nodes)
      series.set(node.node, node.samples.map(sample => [sample.at, sample.listeners]).concat(series.get(node.node) ?? []));
    draw();
  } catch (e) { /* the chart starts from the live pushes */ }
}

function follow() {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`);
  socket.onmessage = async message => {
    const status = JSON.parse(message.data);
    const shape = JSON.stringify([status.station_name, status.station_genre, status.station_description, status.station_url, status.source_status, status.metadata,
      status.mounts.map(mount => mount.mount), status.nodes.map(node => node.node), status.nodes_not_answering, status.mount_entity_answering]);
    if (shape !== layout) { layout = shape; await refresh(); }
    else place(status);
    const at = Date.now() / 1000;
    for (const node of status.nodes) record(node.node, at, node.listeners);
    draw();
  };
  socket.onclose = () => setTimeout(follow, 2000);
}

loadHistory();
follow();
</script>
</body>
</html>
""";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The station's (or live source's) description, and its URL as a link when it is a web address.</summary>
    private static string About(StatusResponse status)
    {
        var link = Uri.TryCreate(status.StationUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? $" <a id=\"station-url\" href=\"{E(url.AbsoluteUri)}\" rel=\"nofollow noopener\">{E(status.StationUrl)}</a>"
            : "";
        return E(status.StationDescription) + link;
    }

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
