"""Starts `wikken serve --demo` on a fresh temporary SQLite database with the repository's examples
and veerkracht data, and waits until it answers. Shared by check-web.py and screenshots-web.py."""
import os, subprocess, tempfile, time, urllib.request


def start(binary, root, port, extra=()):
    """Returns the server process and its base URL; stop it with stop(process). `extra`: more
    arguments for `wikken serve` (check-web.py gives it `--sendmail`)."""
    folder = tempfile.mkdtemp()
    # The server's output goes to a file (a pipe nobody reads would fill and stop the server);
    # stop() prints its end when the server did not end well.
    log = open(os.path.join(folder, "server.log"), "w")
    process = subprocess.Popen([binary, "serve", "--demo", "--database", os.path.join(folder, "web.sqlite"), "--port", str(port),
                                "--voorbeelden", os.path.join(root, "Examples"), "--veerkracht-gegevens", os.path.join(root, "Data", "veerkracht"), *extra],
                               stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    process.log_path = log.name
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/gezondheid", timeout=1)
            break
        except Exception:
            time.sleep(0.2)
    return process, base


def stop(process):
    """Stops the server; when it had already stopped or does not stop, prints the end of its output."""
    crashed = process.poll() is not None
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        crashed = True
    if crashed:
        with open(process.log_path) as f:
            print("server output (end):\n" + "".join(f.readlines()[-60:]))
