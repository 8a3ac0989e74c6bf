#!/usr/bin/env python3
"""Load on a live session, measured on loopback: N participants join, keep a WebSocket open, hand
in one by one and then all at once; every page must hear every hand-in.

    scripts/live-load.py [--participants 200] [--database sqlite|postgres] [--instances 1|2]
                         [--binary .build/release/wikken] [--postgres-admin URL] [--json FILE]

It starts `wikken serve --demo` itself (on PostgreSQL one or two instances on one fresh database,
`wikken_load`, made through psql with the admin URL; on SQLite one instance), signs in as the demo
strateeg, starts a live session and opens the input. With two instances, participant i joins and
hands in on instance i mod 2 and listens on the other one, and the facilitator listens on the
second: every hand-in must cross servers (PostgreSQL NOTIFY/LISTEN).

Measured:
- one by one: participant k hands in, and the time until each of the N+1 open pages has a message
  with k ready (exact: the count goes up by one per hand-in); p50/p99/max over all deliveries;
- all at once: the N hand-ins of a second round sent together; the time from the first send until
  every page shows N ready, and the hand-ins' response times;
- lost: hand-ins refused or never seen, and whether the revealed result counts all N;
- the servers' resident memory (VmRSS, and its peak VmHWM).

Exit status 1 when anything is lost or a page misses a hand-in; the latency goal (p99 < 50 ms) is
reported, not enforced (a loaded CI machine says little about it). Bounded: every wait has a
time limit, and only 127.0.0.1 is used.
"""
import argparse, asyncio, concurrent.futures, html, http.cookiejar, json, os, re, signal, statistics, subprocess, sys, tempfile, time
import urllib.error, urllib.parse, urllib.request

try:
    import websockets
except ImportError:
    sys.exit("live-load: het Python-pakket websockets ontbreekt (pip install websockets).")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser-like HTTP client with its own cookies; redirects are not followed (their
    Location is returned)."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=10) as r:
                return r.status, r.read().decode(), r.headers.get("Location")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace"), e.headers.get("Location")

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def csrf(page):
    m = re.search(r'name="csrf" value="([^"]+)"', page)
    if not m:
        raise SystemExit("live-load: geen CSRF-veld op de pagina")
    return html.unescape(m.group(1))


def wait_healthy(base, process, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"live-load: de server stopte (code {process.returncode}); zie de uitvoer hierboven")
        try:
            with urllib.request.urlopen(base + "/gezondheid", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"live-load: {base} werd niet gezond binnen {seconds} s")


def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return {k: int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM") if k in fields}
    except OSError:
        return {}


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


class Page:
    """One open page: a WebSocket that records when it first saw each ready count and round."""

    def __init__(self, url, cookie, origin):
        self.url, self.cookie, self.origin = url, cookie, origin
        self.seen = {}  # (round, ready) -> first time seen
        self.participants = 0
        self.changed = asyncio.Event()
        self.socket = None

    async def open(self):
        self.socket = await websockets.connect(self.url, additional_headers={"Cookie": self.cookie, "Origin": self.origin},
                                               open_timeout=10, max_size=2 ** 16)
        self.task = asyncio.create_task(self.listen())

    async def listen(self):
        try:
            async for text in self.socket:
                now = time.perf_counter()
                message = json.loads(text)
                if "klaar" in message:
                    self.seen.setdefault((message["ronde"], message["klaar"]), now)
                    self.participants = message["deelnemers"]
                self.changed.set()
        except websockets.ConnectionClosed:
            pass

    def first(self, round_, ready):
        """When this page first saw at least `ready` ready in `round_` (counts only rise within a round)."""
        times = [t for (r, k), t in self.seen.items() if r == round_ and k >= ready]
        return min(times) if times else None


async def until(condition, seconds):
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.001)
    return True


def allocation(k, criteria):
    # Each participant puts a different criterion first; the points always add up to 100.
    points = {c: 0 for c in criteria}
    first = criteria[k % len(criteria)]
    points[first] = 100 - 10 * (len(criteria) - 1)
    for c in criteria:
        if c != first:
            points[c] = 10
    return {f"p-{c}": str(v) for c, v in points.items()}


async def run(args, bases):
    loop = asyncio.get_running_loop()
    # Enough threads that the hand-ins of the burst really go out together.
    loop.set_default_executor(concurrent.futures.ThreadPoolExecutor(max_workers=64))
    n = args.participants
    facilitator = Client(bases[0])
    status, page, _ = facilitator.request("/inloggen")
    status, _, location = facilitator.request("/inloggen", {"csrf": csrf(page), "email": "strateeg@demo.wikken.nl", "wachtwoord": "wikken-demo"})
    if status != 303:
        raise SystemExit(f"live-load: inloggen lukte niet (HTTP {status})")
    status, page, _ = facilitator.request("/dossiers/samenwerkingen-zuid")
    token = csrf(page)
    status, _, location = facilitator.request("/dossiers/samenwerkingen-zuid/live", {"csrf": token, "anoniem": "ja"})
    code = (location or "").split("/")[2] if location else None
    if status != 303 or not code:
        raise SystemExit(f"live-load: de live sessie startte niet (HTTP {status})")
    status, console, _ = facilitator.request(f"/live/{code}/leiden")
    facilitator.request(f"/live/{code}/fase", {"csrf": token, "fase": "invoer"})

    # Participants join (20 at a time), each on its instance.
    people = [Client(bases[i % len(bases)]) for i in range(n)]
    gate = asyncio.Semaphore(20)

    async def join(i):
        async with gate:
            return await loop.run_in_executor(None, people[i].request, f"/live/{code}/deelnemen", {"naam": f"Deelnemer {i + 1}", "organisatie": "Belasting"})
    joined = await asyncio.gather(*(join(i) for i in range(n)))
    refused = [s for s, _, _ in joined if s != 303]
    if refused:
        raise SystemExit(f"live-load: {len(refused)} deelnemers konden niet meedoen (HTTP {sorted(set(refused))})")
    status, form, _ = people[0].request(f"/live/{code}")
    criteria = re.findall(r'name="p-([^"]+)"', form)

    # Every participant's page listens on the other instance; the facilitator's on the last one.
    def ws_url(base):
        return base.replace("http://", "ws://") + f"/live/{code}/ws"
    pages = [Page(ws_url(bases[(i + 1) % len(bases)]), people[i].cookie_header(), bases[(i + 1) % len(bases)]) for i in range(n)]
    pages.append(Page(ws_url(bases[-1]), facilitator.cookie_header(), bases[-1]))
    for k in range(0, len(pages), 50):
        await asyncio.gather(*(p.open() for p in pages[k:k + 50]))
    if not await until(lambda: all(p.participants >= n for p in pages), 30):
        raise SystemExit("live-load: niet elke pagina hoorde dat iedereen meedeed")

    # One by one: exact latency per delivery.
    latencies, missed, lost = [], 0, 0
    for k in range(n):
        start = time.perf_counter()
        status, _, _ = await loop.run_in_executor(None, people[k].request, f"/live/{code}/invoer", allocation(k, criteria))
        if status != 303:
            lost += 1
            continue
        ready = k + 1 - lost
        if not await until(lambda: all(p.first(1, ready) is not None for p in pages), 5):
            missed += sum(1 for p in pages if p.first(1, ready) is None)
        latencies += [p.first(1, ready) - start for p in pages if p.first(1, ready) is not None]

    # All at once, in a second round.
    facilitator.request(f"/live/{code}/fase", {"csrf": token, "fase": "opnieuw"})
    await until(lambda: all(any(r == 2 for r, _ in p.seen) for p in pages), 10)
    responses = []

    async def hand_in(i):
        sent = time.perf_counter()
        status, _, _ = await loop.run_in_executor(None, people[i].request, f"/live/{code}/invoer", allocation(i + 1, criteria))
        responses.append((status, time.perf_counter() - sent))
    burst_start = time.perf_counter()
    await asyncio.gather(*(hand_in(i) for i in range(n)))
    burst_lost = sum(1 for s, _ in responses if s != 303)
    settled = await until(lambda: all(p.first(2, n - burst_lost) is not None for p in pages), 15)
    settle = max((p.first(2, n - burst_lost) or float("inf")) for p in pages) - burst_start

    # The revealed result must count everyone.
    facilitator.request(f"/live/{code}/fase", {"csrf": token, "fase": "onthullen"})
    status, console, _ = facilitator.request(f"/live/{code}/leiden")
    m = re.search(r"gemiddeld over (\d+)", console)
    counted = int(m.group(1)) if m else 0
    for p in pages:
        await p.socket.close()
    return {
        "participants": n, "pages": len(pages), "criteria": len(criteria),
        "one_by_one": {"deliveries": len(latencies), "missed": missed, "refused": lost,
                       "p50_ms": round(percentile(latencies, 50) * 1000, 2), "p99_ms": round(percentile(latencies, 99) * 1000, 2),
                       "max_ms": round(max(latencies) * 1000, 2) if latencies else None},
        "all_at_once": {"refused": burst_lost, "settled": settled, "all_pages_ms": round(settle * 1000, 1),
                        "response_p50_ms": round(percentile([t for _, t in responses], 50) * 1000, 1),
                        "response_p99_ms": round(percentile([t for _, t in responses], 99) * 1000, 1)},
        "revealed_count": counted,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--instances", type=int, choices=[1, 2], default=1)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/wikken"))
    parser.add_argument("--postgres-admin", default=os.environ.get("WIKKEN_TEST_POSTGRES_URL", "postgres://wikken:wikken@127.0.0.1:5432/wikken_test"))
    parser.add_argument("--port", type=int, default=8300)
    parser.add_argument("--json")
    args = parser.parse_args()
    if not 1 <= args.participants <= 200:
        parser.error("--participants: 1 tot en met 200 (zoveel neemt een sessie)")
    if args.database == "sqlite" and args.instances != 1:
        parser.error("SQLite hoort bij één proces: --instances 2 alleen met --database postgres")
    if not os.path.exists(args.binary):
        parser.error(f"{args.binary} bestaat niet; bouw eerst (swift build -c release --product wikken)")

    env = dict(os.environ)
    folder = tempfile.mkdtemp(prefix="wikken-load-")
    if args.database == "postgres":
        admin = args.postgres_admin
        for statement in ("DROP DATABASE IF EXISTS wikken_load WITH (FORCE)", "CREATE DATABASE wikken_load TEMPLATE template0"):
            subprocess.run(["psql", admin, "-q", "-c", statement], check=True)
        parts = urllib.parse.urlsplit(admin)
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/wikken_load"))
    processes, bases = [], []
    try:
        for k in range(args.instances):
            port = args.port + k
            base = f"http://127.0.0.1:{port}"
            command = [args.binary, "serve", "--demo", "--port", str(port), "--database", os.path.join(folder, "load.sqlite")]
            processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            bases.append(base)
            # The first seeds the demo; the second starts on a database that has it.
            wait_healthy(base, processes[-1])
        result = asyncio.run(run(args, bases))
        result["database"], result["instances"] = args.database, args.instances
        result["binary"] = os.path.relpath(args.binary, ROOT)
        result["memory_mib"] = [rss(p.pid) for p in processes]
    finally:
        for p in processes:
            p.send_signal(signal.SIGINT)
        for p in processes:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
    one, burst = result["one_by_one"], result["all_at_once"]
    print(f"{args.participants} deelnemers, {result['pages']} open pagina's, {args.database}, {args.instances} server(s), {result['binary']}")
    print(f"  een voor een: {one['deliveries']} afleveringen, p50 {one['p50_ms']} ms, p99 {one['p99_ms']} ms, max {one['max_ms']} ms; "
          f"gemist {one['missed']}, geweigerd {one['refused']}")
    print(f"  allemaal tegelijk: iedere pagina ziet alle {args.participants - burst['refused']} na {burst['all_pages_ms']} ms; "
          f"antwoord p50 {burst['response_p50_ms']} ms, p99 {burst['response_p99_ms']} ms; geweigerd {burst['refused']}")
    print(f"  onthuld: gemiddeld over {result['revealed_count']}; geheugen per server (MiB): {result['memory_mib']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
    ok = (one["missed"] == 0 and one["refused"] == 0 and burst["refused"] == 0 and burst["settled"]
          and result["revealed_count"] == args.participants)
    print("  niets verloren" if ok else "  VERLOREN OF GEMIST: zie hierboven")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
