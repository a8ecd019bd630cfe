#!/usr/bin/env python3
"""The soak of issue 20: a node, then a three-node cluster, under what comes and goes on a real station, for a bounded
time; every minute each node's live managed heap (after a full collection, GET /admin/api/memory), resident memory,
open files and threads. Memory must follow what is connected now, never what came and went: from the fifth minute of
each phase on, the heap stays within 5 % of where it was then.

Load, all at once, round robin over the phase's nodes:
  - listener churn: players connecting to /stream, reading 4 KB and hanging up, as fast as they are served;
  - encoders: connections that open a mount (a new name every few connections, so mounts are created and, idle for
    mount_idle_timeout, retired), send 32 KB of MP3 frames, update the title and leave;
  - one encoder live on /stream throughout, its title updated every few seconds.
Writes docs/bench/soak-<stamp>.json, a plot (.svg) beside it, and BENCHMARKS.md's "Soak" section. Started by
bench/soak.sh."""

import argparse
import asyncio
import base64
import datetime
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import processes

PASSWORD = "soak-bench-password"
ADMIN = "soak-admin-password"
MIB = 1024 * 1024
# Encoder connections per mount name: a new mount every so many, the old one retiring once idle.
PER_MOUNT = 25


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def mp3_frames(repo, size):
    """Real MP3 frames from the repository's test signal, cut at a frame start."""
    data = open(os.path.join(repo, "music", "cycast-a440.mp3"), "rb").read()
    start = data.find(b"\xff\xfb")
    data = data[start:]
    return (data * (size // len(data) + 1))[:size]


class Node:
    def __init__(self, repo, seeds, akka_port):
        self.source_port, self.listen_port, self.akka_port = free_port(), free_port(), akka_port
        seed_list = ", ".join(f'"127.0.0.1:{seed}"' for seed in seeds)
        self.config = tempfile.NamedTemporaryFile("w", suffix=".hcl", delete=False)
        self.config.write(f"""
server {{
  host = "127.0.0.1"
  source_port = {self.source_port}
  listen_port = {self.listen_port}
  source_password = "{PASSWORD}"
  mount_point = "/stream"
}}
playlist {{ directory = "{repo}/music" }}
advanced {{
  max_mounts = 2000
  mount_idle_timeout = 2
}}
admin {{ password = "{ADMIN}" }}
cluster {{
  hostname = "127.0.0.1"
  port = {akka_port}
  {f"seed_nodes = [{seed_list}]" if seeds else ""}
}}
""")
        self.config.close()
        self.log = open(tempfile.mktemp(suffix=".log"), "w")
        dll = os.path.join(repo, "Cycast.Node", "bin", "Release", "net10.0", "Cycast.Node.dll")
        env = dict(os.environ, CYCAST_AKKA_HOCON="akka.cluster.split-brain-resolver.stable-after = 2s")
        self.process = subprocess.Popen(["dotnet", dll, "-c", self.config.name], stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def wait_serving(self, patience=60):
        deadline = time.time() + patience
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit("a node exited at start-up:\n" + open(self.log.name).read()[-3000:])
            try:
                with socket.create_connection(("127.0.0.1", self.listen_port), timeout=1) as s:
                    s.sendall(b"GET /health/ready HTTP/1.0\r\n\r\n")
                    if b" 200 " in s.recv(100):
                        return
            except OSError:
                pass
            time.sleep(0.5)
        sys.exit("a node was not ready within 60 s")

    def memory(self):
        with socket.create_connection(("127.0.0.1", self.listen_port), timeout=30) as s:
            s.sendall(f"GET /admin/api/memory HTTP/1.0\r\nAuthorization: {basic('admin', ADMIN)}\r\n\r\n".encode())
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        return json.loads(reply.split(b"\r\n\r\n", 1)[1])

    def stop(self):
        self.log.close()
        processes.stop(self.process, self.config.name, self.log.name)


class Load:
    def __init__(self, repo, nodes):
        self.nodes = nodes
        self.audio = mp3_frames(repo, 32 * 1024)
        self.live_audio = mp3_frames(repo, 4000)
        self.sessions = self.short = self.encoders = self.mounts = self.titles = 0
        self.stopping = False
        self.turn = 0

    def node(self):
        self.turn += 1
        return self.nodes[self.turn % len(self.nodes)]

    async def listener(self):
        while not self.stopping:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.node().listen_port)
                writer.write(b"GET /stream HTTP/1.0\r\nUser-Agent: soak\r\n\r\n")
                got = 0
                while got < 4096:
                    piece = await asyncio.wait_for(reader.read(65536), 10)
                    if not piece:
                        break
                    got += len(piece)
                writer.close()
                if got >= 4096:
                    self.sessions += 1
                else:
                    self.short += 1
            except (OSError, asyncio.TimeoutError):
                await asyncio.sleep(0.1)

    async def title(self, node, mount, song):
        reader, writer = await asyncio.open_connection("127.0.0.1", node.listen_port)
        writer.write(f"GET /admin/metadata?mount={mount}&mode=updinfo&song={song} HTTP/1.0\r\n"
                     f"Authorization: {basic('source', PASSWORD)}\r\n\r\n".encode())
        await asyncio.wait_for(reader.read(), 10)
        writer.close()
        self.titles += 1

    async def encoder(self, worker):
        index = 0
        while not self.stopping:
            mount = f"/soak-{worker}-{index // PER_MOUNT}"
            if index % PER_MOUNT == 0:
                self.mounts += 1
            index += 1
            node = self.node()
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", node.source_port)
                writer.write(f"SOURCE {mount} HTTP/1.0\r\nAuthorization: {basic('source', PASSWORD)}\r\n"
                             f"Content-Type: audio/mpeg\r\n\r\n".encode())
                head = await asyncio.wait_for(reader.read(4096), 10)
                if b" 200 " in head:
                    writer.write(self.audio)
                    await writer.drain()
                    await self.title(node, mount, f"soak-{index}")
                writer.close()
                self.encoders += 1
            except (OSError, asyncio.TimeoutError):
                await asyncio.sleep(0.1)

    async def live(self):
        """One encoder on /stream for the whole phase, at real time, with a title every few seconds."""
        node = self.nodes[0]
        reader, writer = await asyncio.open_connection("127.0.0.1", node.source_port)
        writer.write(f"SOURCE /stream HTTP/1.0\r\nAuthorization: {basic('source', PASSWORD)}\r\nContent-Type: audio/mpeg\r\n\r\n".encode())
        await reader.read(4096)
        beat = 0
        while not self.stopping:
            writer.write(self.live_audio)
            await writer.drain()
            await asyncio.sleep(0.25)
            beat += 1
            if beat % 20 == 0:
                await self.title(node, "/stream", f"live-{beat}")
        writer.close()


async def phase(repo, count, minutes, samples):
    seeds = [free_port()]
    nodes = [Node(repo, seeds if count > 1 else [], seeds[0])] + [Node(repo, seeds, free_port()) for _ in range(count - 1)]
    try:
        for node in nodes:
            node.wait_serving()
        load = Load(repo, nodes)
        tasks = [asyncio.create_task(load.live())]
        tasks += [asyncio.create_task(load.listener()) for _ in range(48)]
        tasks += [asyncio.create_task(load.encoder(worker)) for worker in range(4)]
        started = time.monotonic()
        for minute in range(minutes + 1):
            await asyncio.sleep(max(0, started + 60 * minute - time.monotonic()))
            elapsed = time.monotonic() - started
            for index, node in enumerate(nodes):
                memory = await asyncio.get_running_loop().run_in_executor(None, node.memory)
                memory["other_heap_bytes"] = memory["heap_bytes"] - memory["ring_bytes"]
                samples.append({"nodes": count, "node": index + 1, "minute": minute, "sessions": load.sessions, "short_sessions": load.short,
                                "encoders": load.encoders, "mounts": load.mounts, "titles": load.titles,
                                "seconds": round(elapsed, 1), **memory})
                print(f"{count} node(s), minute {minute}, node {index + 1}: heap {memory['heap_bytes'] / MIB:.1f} MiB ({memory['other_heap_bytes'] / MIB:.1f} beside rings), "
                      f"rss {memory['resident_bytes'] / MIB:.0f} MiB, fds {memory['open_files']}, threads {memory['threads']}; "
                      f"{load.sessions} listener sessions, {load.encoders} encoder connections, {load.mounts} mounts, {load.titles} titles",
                      flush=True)
        load.stopping = True
        await asyncio.wait(tasks, timeout=30)
    finally:
        for node in nodes:
            node.stop()


def verdict(samples, count, node):
    """The trend from the fifth minute on: the last three samples against the three from minute 5, each averaged (one
    sample alone also counts the connections that happen to be in flight at that instant)."""
    mine = [s for s in samples if s["nodes"] == count and s["node"] == node and s["minute"] >= 5]
    rows = [s["other_heap_bytes"] for s in mine]
    if len(rows) < 6:
        return "phase too short to judge (6 samples from minute 5 needed)"
    early, late = sum(rows[:3]) / 3, sum(rows[-3:]) / 3
    trend = (late - early) / early
    spread = (max(rows) - min(rows)) / MIB
    sessions = (mine[-2]["sessions"] - mine[1]["sessions"]) / 1e6
    return (f"{'flat' if abs(trend) <= 0.05 else 'NOT flat'}: {trend * 100:+.1f} %, {(late - early) / 1024 / sessions:+.0f} KiB per "
            f"million listener sessions (samples within {spread:.1f} MiB of each other)")


def svg(samples, path):
    """Each node's live heap beside its rings over the minutes, one line per node and phase."""
    width, height, margin = 720, 320, 50
    top = max(s["other_heap_bytes"] for s in samples) / MIB * 1.1
    last = max(s["minute"] for s in samples) or 1
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    lines = []
    for series, (count, node) in enumerate(sorted({(s["nodes"], s["node"]) for s in samples})):
        points = [(margin + s["minute"] / last * (width - 2 * margin), height - margin - s["other_heap_bytes"] / MIB / top * (height - 2 * margin))
                  for s in samples if s["nodes"] == count and s["node"] == node]
        lines.append(f'<polyline fill="none" stroke="{colours[series % 4]}" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
        lines.append(f'<text x="{width - margin - 150}" y="{margin + 16 * series}" font-size="12" fill="{colours[series % 4]}">'
                     f'{count} node(s), node {node}</text>')
    axes = (f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="black"/>'
            f'<line x1="{margin}" y1="{margin}" x2="{margin}" y2="{height - margin}" stroke="black"/>'
            f'<text x="{width / 2 - 40}" y="{height - 12}" font-size="12">minute of the phase</text>'
            f'<text x="6" y="{margin - 10}" font-size="12">live heap beside the rings, MiB (0 to {top:.0f})</text>')
    with open(path, "w") as out:
        out.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
                  f'<rect width="100%" height="100%" fill="white"/>{axes}{"".join(lines)}</svg>\n')


def write_section(repo, samples, stamp, command, minutes):
    rows = []
    for count, node in sorted({(s["nodes"], s["node"]) for s in samples}):
        mine = [s for s in samples if s["nodes"] == count and s["node"] == node]
        first, fifth, end = mine[0], next((s for s in mine if s["minute"] == 5), mine[-1]), mine[-1]
        rows.append(f"| {count} | {node} | {end['sessions']:,} | {end['encoders']:,} | {end['mounts']:,} | "
                    f"{first['other_heap_bytes'] / MIB:.1f} / {fifth['other_heap_bytes'] / MIB:.1f} / {end['other_heap_bytes'] / MIB:.1f} | "
                    f"{end['ring_bytes'] // (10 * MIB)} | "
                    f"{first['resident_bytes'] / MIB:.0f} / {fifth['resident_bytes'] / MIB:.0f} / {end['resident_bytes'] / MIB:.0f} | "
                    f"{first['open_files']} / {end['open_files']} | {first['threads']} / {end['threads']} | {verdict(samples, count, node)} |")
    rate = max(s["sessions"] / s["seconds"] for s in samples if s["seconds"] > 0)
    section = f"""## Soak

`{command}` ({minutes} min per phase, {datetime.date.today()}; this 2-core machine, the load generator on it too):
a node, then a three-node cluster, with listener churn (players connecting to `/stream`, reading 4 KB and hanging up:
up to {rate:,.0f} sessions a second), encoders opening a new mount every {PER_MOUNT} connections (32 KB of MP3, a title
update, gone; mounts retire after `mount_idle_timeout` = 2 s), and one encoder live on `/stream` throughout. Every
minute each node's live heap after a full collection (`GET /admin/api/memory`), resident memory, open files, threads.
The heap is shown beside the mounts' rings (10 MB each, one per mount a node serves; how many are held at a sample
depends on how many encoder-made mounts are alive at that moment): what must not grow is everything else. Counts are
the phase's totals (the load goes round robin over its nodes). A sample also holds whatever is connected at that
instant (some fifty churning connections, a retired mount's ring its entity has not yet let go: 10 MiB), so single
samples scatter by a MiB or more around a base of a few MiB; the trend is judged on averages of three. For scale, the
per-connection leak this soak was written to catch held about 215 KiB per thousand listener sessions (issue 20):
220 000 KiB per million.

| nodes | node | listener sessions | encoder connections | mounts created | heap beside rings, MiB: start / minute 5 / end | rings held at the end | RSS MiB: start / minute 5 / end | open files start / end | threads start / end | heap beside rings, last 3 samples against minutes 5-7 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

![live heap beside the rings per node over the soak](docs/bench/soak-{stamp}.svg)

Raw samples: `docs/bench/soak-{stamp}.json`.
"""
    path = os.path.join(repo, "BENCHMARKS.md")
    text = open(path).read()
    if "\n## Soak\n" in text:
        before, rest = text.split("\n## Soak\n", 1)
        after = rest[rest.find("\n## "):] if "\n## " in rest else ""
        text = before + "\n" + section + after
    else:
        text = text.rstrip() + "\n\n" + section
    open(path, "w").write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--minutes", type=int, default=15, help="per phase: one node, then three")
    parser.add_argument("--command", default="bench/soak.sh")
    parser.add_argument("--render", help="write BENCHMARKS.md's section again from a soak's raw samples, without running")
    args = parser.parse_args()
    if args.render:
        samples = json.load(open(args.render))
        stamp = re.search(r"soak-(\d{8}-\d{6})\.json$", args.render).group(1)
        write_section(args.repo, samples, stamp, args.command, max(s["minute"] for s in samples))
        return
    samples = []
    asyncio.run(phase(args.repo, 1, args.minutes, samples))
    asyncio.run(phase(args.repo, 3, args.minutes, samples))
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    os.makedirs(os.path.join(args.repo, "docs", "bench"), exist_ok=True)
    json.dump(samples, open(os.path.join(args.repo, "docs", "bench", f"soak-{stamp}.json"), "w"), indent=1)
    svg(samples, os.path.join(args.repo, "docs", "bench", f"soak-{stamp}.svg"))
    write_section(args.repo, samples, stamp, args.command, args.minutes)
    for count, node in sorted({(s["nodes"], s["node"]) for s in samples}):
        print(f"{count} node(s), node {node}: {verdict(samples, count, node)}")


if __name__ == "__main__":
    main()
