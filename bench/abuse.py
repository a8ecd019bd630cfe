#!/usr/bin/env python3
"""The attacks of issue 12 at scale against a real Cycast node, with an honest encoder (ffmpeg) and listener running
throughout. For each attack: the node's RSS before, at its peak and 30 s after the attack's connections have gone, the
honest listener's longest silence from the attack's start to that moment, and what the attackers were answered.
Writes the table into BENCHMARKS.md's "Abuse" section (and only that section). Started by bench/abuse.sh."""

import argparse
import asyncio
import base64
import datetime
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import processes

PASSWORD = "abuse-bench-password"
SETTLE_SECONDS = 30
MIB = 1024 * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def auth(password):
    return "Basic " + base64.b64encode(f"source:{password}".encode()).decode()


class Node:
    """The node as its own process, with its RSS sampled every 100 ms so no peak between two readings is missed."""

    def __init__(self, repo, source_port, listen_port):
        self.source_port, self.listen_port = source_port, listen_port
        self.config = tempfile.NamedTemporaryFile("w", suffix=".hcl", delete=False)
        self.config.write(f"""
server {{
  host = "127.0.0.1"
  source_port = {source_port}
  listen_port = {listen_port}
  source_password = "{PASSWORD}"
  mount_point = "/stream"
}}
playlist {{ directory = "{repo}/music" }}
""")
        self.config.close()
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
        dll = os.path.join(repo, "Cycast.Node", "bin", "Release", "net10.0", "Cycast.Node.dll")
        self.process = subprocess.Popen(["dotnet", dll, "-c", self.config.name], stdout=self.log, stderr=subprocess.STDOUT)
        self.peak = 0
        self._stop = False
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def wait_started(self, patience=60):
        deadline = time.time() + patience
        while time.time() < deadline:
            with open(self.log.name) as log:
                if "Application started" in log.read():
                    self._sampler.start()
                    return
            if self.process.poll() is not None:
                sys.exit("the node exited at start-up:\n" + open(self.log.name).read())
            time.sleep(0.2)
        sys.exit("the node did not start within 60 s")

    def rss(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1)) * 1024

    def reset_peak(self):
        self.peak = self.rss()

    def _sample(self):
        while not self._stop and self.process.poll() is None:
            self.peak = max(self.peak, self.rss())
            time.sleep(0.1)

    def log_lines(self):
        with open(self.log.name) as log:
            return sum(1 for _ in log)

    def stop(self):
        self._stop = True
        processes.stop(self.process, self.config.name, self.log.name)


class HonestListener:
    """A player on /stream, on a thread of its own, keeping when each piece arrived."""

    def __init__(self, port):
        self.arrivals = []
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /stream HTTP/1.0\r\nUser-Agent: abuse-bench honest listener\r\n\r\n")
        self.sock.settimeout(30)
        self._stop = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while not self._stop:
            try:
                piece = self.sock.recv(65536)
            except OSError:
                break
            if not piece:
                break
            self.arrivals.append(time.monotonic())

    def longest_gap(self, since, until):
        moments = [since] + [t for t in self.arrivals if since < t <= until] + [until]
        return max(b - a for a, b in zip(moments, moments[1:]))

    def stop(self):
        self._stop = True
        self.sock.close()


async def open_connection(port, source="127.0.0.1"):
    return await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))


async def read_reply(reader, patience=30):
    try:
        return await asyncio.wait_for(reader.read(4096), patience)
    except (ConnectionError, asyncio.TimeoutError):
        return b""


def status_of(reply):
    match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
    return match.group(1).decode() if match else "closed"


def tally(statuses):
    counts = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return ", ".join(f"{count} × {status}" for status, count in sorted(counts.items()))


async def oversize_head(port):
    """A 1 MiB header line whose end comes in the same write, as in the issue."""
    reader, writer = await open_connection(port)
    try:
        writer.write(b"GET /stream HTTP/1.0\r\nX-Padding: " + b"a" * MIB + b"\r\n\r\n")
        await writer.drain()
    except ConnectionError:
        pass
    reply = await read_reply(reader)
    writer.close()
    return status_of(reply)


async def oversize_heads(node, count=600):
    return tally(await asyncio.gather(*(oversize_head(node.listen_port) for _ in range(count))))


async def many_mounts(node, count=1000):
    """An encoder that knows the password naming a thousand new mounts at once, each held until all are answered."""
    all_answered = asyncio.Event()
    answered = 0

    async def one(index):
        nonlocal answered
        reader, writer = await open_connection(node.source_port)
        writer.write(f"SOURCE /abuse-{index} HTTP/1.0\r\nAuthorization: {auth(PASSWORD)}\r\nContent-Type: audio/mpeg\r\n\r\n".encode())
        await writer.drain()
        reply = await read_reply(reader)
        answered += 1
        if answered == count:
            all_answered.set()
        try:
            await asyncio.wait_for(all_answered.wait(), 60)
        except asyncio.TimeoutError:
            pass
        writer.close()
        return status_of(reply)

    return tally(await asyncio.gather(*(one(i) for i in range(count))))


async def slowloris_one(port):
    """Sends a head a byte every 5 s, never finishing it; returns how long the node kept the connection."""
    reader, writer = await open_connection(port)
    started = time.monotonic()
    writer.write(b"GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    try:
        while time.monotonic() - started < 60:
            await writer.drain()
            try:
                if await asyncio.wait_for(reader.read(1024), 5) == b"":
                    break
            except asyncio.TimeoutError:
                writer.write(b"a")
    except ConnectionError:
        pass
    writer.close()
    return time.monotonic() - started


async def slowloris(node, count=2000):
    held = await asyncio.gather(*(slowloris_one(node.listen_port) for _ in range(count)))
    closed = sum(1 for seconds in held if seconds < 60)
    return f"{closed} of {count} closed by the node, after {min(held):.1f}-{max(held):.1f} s"


async def password_guesses(node, count=1000):
    """Wrong passwords from 127.0.0.2, one connection each, as fast as the node answers."""
    statuses = []
    for i in range(count):
        reader, writer = await open_connection(node.source_port, "127.0.0.2")
        writer.write(f"SOURCE /stream HTTP/1.0\r\nAuthorization: {auth(f'guess{i}')}\r\n\r\n".encode())
        await writer.drain()
        statuses.append(status_of(await read_reply(reader)))
        writer.close()
    return tally(statuses)


def run_attack(node, listener, name, attack):
    time.sleep(2)
    before = node.rss()
    node.reset_peak()
    lines_before = node.log_lines()
    started = time.monotonic()
    answers = asyncio.run(attack(node))
    ended = time.monotonic()
    time.sleep(SETTLE_SECONDS)
    after = node.rss()
    row = {
        "attack": name,
        "seconds": ended - started,
        "answers": answers,
        "before": before, "peak": node.peak, "after": after,
        "gap": listener.longest_gap(started, time.monotonic()),
        "log_lines": node.log_lines() - lines_before,
    }
    print(f"{name}: {row}", flush=True)
    return row


def table(rows):
    lines = [
        "| attack | lasted | what the attacker got | RSS before | RSS peak | RSS 30 s after | honest listener's longest gap | log lines |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| {r['attack']} | {r['seconds']:.1f} s | {r['answers']} | {r['before'] / MIB:.0f} MiB | {r['peak'] / MIB:.0f} MiB "
                     f"| {r['after'] / MIB:.0f} MiB | {r['gap'] * 1000:.0f} ms | {r['log_lines']} |")
    return "\n".join(lines)


def write_section(repo, rows, command):
    path = os.path.join(repo, "BENCHMARKS.md")
    with open(path) as f:
        text = f.read()
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = f"""## Abuse

`{command}` ({when}, {os.cpu_count()} cores shared with other work): one node process with the default limits, an
honest ffmpeg encoder (128 kbit/s MP3, `-re`) on `/stream` and an honest listener on it throughout. Each attack runs
alone; RSS is the node's VmRSS (before, the highest sampled every 100 ms, and 30 s after the attack's connections have
gone); the gap is the longest the honest listener went without a byte from the attack's start to that moment; log
lines are what the node wrote meanwhile. Refusals are logged once a minute per address and reason; the mounts an
encoder may open (`advanced.max_mounts`, 100 with `/stream`) each log their life: connected, the playlist's tracks once
the encoder has gone, and going `mount_idle_timeout` (30 s) after that, which is about when "30 s after" is measured.

{table(rows)}

"""
    pattern = re.compile(r"^## Abuse\n.*?(?=^#{1,2} |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.replace("\n# Results\n", "\n" + section + "# Results\n", 1)
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--command", default="bench/abuse.sh")
    args = parser.parse_args()
    # abuse.sh's timeout ends a run that hangs with SIGTERM: leave by the finally below, which stops the node and ffmpeg.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("abuse.py: stopped after 600 s"))
    node = Node(args.repo, free_port(), free_port())
    encoder = None
    listener = None
    try:
        node.wait_started()
        encoder = subprocess.Popen(
            ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
             "-c:a", "libmp3lame", "-b:a", "128k", "-content_type", "audio/mpeg", "-f", "mp3",
             f"icecast://source:{PASSWORD}@127.0.0.1:{node.source_port}/stream"])
        time.sleep(3)
        listener = HonestListener(node.listen_port)
        time.sleep(3)
        rows = [
            run_attack(node, listener, "600 oversize heads (1 MiB header line) at once", oversize_heads),
            run_attack(node, listener, "1000 mounts named by one encoder at once", many_mounts),
            run_attack(node, listener, "2000 slowloris heads (a byte every 5 s)", slowloris),
            run_attack(node, listener, "1000 wrong passwords from one address", password_guesses),
        ]
        print(table(rows))
        write_section(args.repo, rows, args.command)
    finally:
        if listener:
            listener.stop()
        if encoder:
            encoder.terminate()
            encoder.wait(10)
        node.stop()


if __name__ == "__main__":
    main()
