using Cycast.Node.Api;

namespace Cycast.Node.Pages;

/// <summary>
/// <c>GET /admin/</c>, behind the admin login: each node's health, the mounts and the listeners of the whole cluster,
/// with buttons for Icecast's own admin commands (killclient, moveclients, metadata, killsource). The page reads the
/// JSON admin API again whenever <c>/api/live</c> pushes, so it follows the cluster as the status page does.
/// </summary>
public static class AdminPage
{
    public static void MapAdminPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/", () => Results.Content(Html, "text/html; charset=utf-8")).AddEndpointFilter<AdminOnly>();

    private static readonly string Html = $$"""
{{PageHead.Open("Cycast admin")}}
  main { max-width: 64rem; }
  h1 { margin: 0; font-size: 1.6rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 0; color: #c7d2e4; }
  #message { min-height: 1.4em; color: #facc15; overflow-wrap: anywhere; }
  th, td { text-align: left; vertical-align: top; } td.number { text-align: right; }
  form { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0; }
  input, select, button { font: inherit; font-size: .85rem; background: #10141c; color: #e8ecf3; border: 1px solid #34405a; border-radius: 6px; padding: .2rem .5rem; min-width: 0; }
  input { flex: 1 1 8rem; } button { cursor: pointer; } button.danger { border-color: #f87171; color: #fca5a5; }
  /* On a phone every row is a card: one field a line, its column's name before it. */
  @media (max-width: 48rem) {
    table.cards thead { display: none; }
    table.cards tr { display: block; border-top: 1px solid #34405a; padding: .4rem 0; }
    table.cards td { display: block; text-align: left; }
    table.cards td[data-label]::before { content: attr(data-label) ": "; color: #8fa3c0; }
  }
  /* At desktop width the columns have room: words stay whole, and only a cell's own spaces break it. */
  @media (min-width: 48.01rem) {
    td, th[scope=row] { overflow-wrap: normal; word-break: normal; }
    td.number { white-space: nowrap; }
  }
</style>
</head>
<body>
<main>
  <h1>Cycast admin</h1>
  <p id="message" role="status"></p>
  <h2>Nodes</h2>
  <table id="nodes" class="cards"><thead><tr><th>Node</th><th>Status</th><th>Health</th><th>Listeners</th><th>Mounts</th></tr></thead><tbody></tbody></table>
  <h2>Mounts</h2>
  <table id="mounts" class="cards"><thead><tr><th>Mount</th><th>Entity node</th><th>Source</th><th>Title</th><th>Listeners</th><th></th></tr></thead><tbody></tbody></table>
  <h2>Move listeners</h2>
  <form id="move"><select name="from" aria-label="from mount"></select><select name="to" aria-label="to mount"></select><button>Move all</button></form>
  <h2>Listeners</h2>
  <table id="listeners" class="cards"><thead><tr><th>ID</th><th>Mount</th><th>Node</th><th>IP</th><th>Player</th><th>Connected</th><th>Sent</th><th></th></tr></thead><tbody></tbody></table>
</main>
<script>
// Everything shown comes from the JSON admin API; every text is set as text, never as markup (user agents are the
// clients' own words). Commands are Icecast's own admin endpoints; their answer is shown above. Requests go to
// location.origin: a page opened as http://user:password@host/admin/ may not fetch relative URLs.
const q = encodeURIComponent;

function cell(text, label, number) {
  const td = document.createElement('td');
  td.textContent = text;
  if (label) td.dataset.label = label;
  if (number) td.className = 'number';
  return td;
}

function row(cells, key) {
  const tr = document.createElement('tr');
  if (key) tr.dataset.key = key;
  tr.append(...cells);
  return tr;
}

function button(text, action, danger) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (danger) b.className = 'danger';
  b.onclick = action;
  return b;
}

// Human units: a listener's bytes in KiB or MiB, its time as hours, minutes and seconds.
function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  const two = n => String(n).padStart(2, '0');
  return h > 0 ? `${h} h ${two(m)} min` : m > 0 ? `${m} min ${two(s)} s` : `${s} s`;
}

function health(member) {
  if (!member.reachable) return 'unreachable';
  if (!member.answering) return 'not answering';
  return member.status === 'Up' ? 'healthy' : member.status.toLowerCase();
}

async function command(url) {
  const response = await fetch(location.origin + url, { cache: 'no-store' });
  const text = await response.text();
  const xml = new DOMParser().parseFromString(text, 'text/xml').querySelector('iceresponse');
  const message = xml ? xml.querySelector('message')?.textContent : new DOMParser().parseFromString(text, 'text/html').body.textContent.trim();
  document.getElementById('message').textContent = message || `${response.status} ${response.statusText}`;
  await load();
}

async function json(path) {
  const response = await fetch(location.origin + path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function show(cluster, mounts, listeners) {
  // Nodes by their node_name everywhere on the page; the address is what the API links them by.
  const names = new Map(cluster.members.map(member => [member.address, member.name]));
  document.querySelector('#nodes tbody').replaceChildren(...cluster.members.map(member => row([
    cell(member.name + (member.leader ? ' (leader)' : '') + (member.oldest ? ' (oldest)' : ''), 'Node'),
    cell(member.status, 'Status'), cell(health(member), 'Health'),
    cell(member.listeners, 'Listeners', true), cell(member.mounts.join(', '), 'Mounts')], member.address)));

  document.querySelector('#mounts tbody').replaceChildren(...mounts.map(mount => {
    const title = document.createElement('form');
    const input = document.createElement('input');
    input.name = 'title'; input.placeholder = 'Artist - Title'; input.setAttribute('aria-label', `title of ${mount.mount}`);
    title.append(input, document.createElement('button'));
    title.lastChild.textContent = 'Set title';
    title.onsubmit = event => { event.preventDefault(); command(`/admin/metadata?mount=${q(mount.mount)}&mode=updinfo&song=${q(input.value)}`); };
    const actions = cell('');
    actions.append(title);
    // Only a live encoder can be killed: a mount playing its playlist has no source to drop.
    if (mount.source_connected) actions.append(button('Kill source', () => command(`/admin/killsource?mount=${q(mount.mount)}`), true));
    return row([cell(mount.mount, 'Mount'), cell(mount.entity_node ? names.get(mount.entity_node) ?? mount.entity_node : 'moving', 'Entity node'), cell(mount.source_status, 'Source'),
      cell(mount.title, 'Title'), cell(mount.listeners, 'Listeners', true), actions], mount.mount);
  }));

  knownMounts = mounts.map(mount => mount.mount);
  destinations();

  document.querySelector('#listeners tbody').replaceChildren(...listeners.map(listener => {
    const kick = cell('');
    kick.append(button('Kick', () => command(`/admin/killclient?mount=${q(listener.mount)}&id=${listener.id}`), true));
    return row([cell(listener.id, 'ID'), cell(listener.mount, 'Mount'), cell(listener.node_name, 'Node'), cell(listener.ip, 'IP'),
      cell(listener.user_agent, 'Player'), cell(duration(listener.connected_seconds), 'Connected', true),
      cell(size(listener.bytes_sent), 'Sent', true), kick], String(listener.id));
  }));
}

// Listeners move from one mount to another: the mount they are on is never a destination.
let knownMounts = [];
function destinations() {
  const form = document.getElementById('move');
  const from = form.from.value || knownMounts[0], to = form.to.value;
  form.from.replaceChildren(...knownMounts.map(mount => new Option(mount, mount)));
  if (from) form.from.value = from;
  form.to.replaceChildren(...knownMounts.filter(mount => mount !== form.from.value).map(mount => new Option(mount, mount)));
  if (to && to !== form.from.value) form.to.value = to;
}
document.getElementById('move').from.onchange = destinations;

let loading = null, again = false;
async function load() {
  if (loading) { again = true; return loading; }
  loading = (async () => {
    do {
      again = false;
      try {
        show(...await Promise.all([json('/admin/api/cluster'), json('/admin/api/mounts'), json('/admin/api/listeners')]));
      } catch (e) { document.getElementById('message').textContent = e.message; }
    } while (again);
    loading = null;
  })();
  return loading;
}

document.getElementById('move').onsubmit = event => {
  event.preventDefault();
  const form = event.target;
  command(`/admin/moveclients?mount=${q(form.from.value)}&destination=${q(form.to.value)}`);
};

function follow() {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`);
  socket.onmessage = () => load();
  socket.onclose = () => setTimeout(follow, 2000);
}

load();
follow();
</script>
</body>
</html>
""";
}
