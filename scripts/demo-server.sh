# Sourced by scripts that need the demo web app running (bench-web.sh, check-api.sh).
# Needs: bin (the wikken binary), port, tmp (a scratch folder). Starts the server on a fresh SQLite
# file in $tmp (or DATABASE_URL), stops it on exit, and offers sign_in and api_key.

"$bin" serve --demo --database "$tmp/demo.sqlite" --port "$port" --voorbeelden Examples > "$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/gezondheid" >/dev/null && break; sleep 0.2; done

# The form's csrf value in a page read with the cookie jar $tmp/jar.
csrf_of() { curl -s -b "$tmp/jar" -c "$tmp/jar" "http://127.0.0.1:$port$1" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }

# sign_in EMAIL: signs in through the form (with its token); the session cookie lands in $tmp/jar
# and in $cookie.
sign_in() {
  local form
  form=$(csrf_of /inloggen)
  curl -s -b "$tmp/jar" -c "$tmp/jar" -o /dev/null -d "csrf=$form&email=$1&wachtwoord=wikken-demo" "http://127.0.0.1:$port/inloggen"
  cookie=$(awk '$6 == "wikken_sessie" {print $7}' "$tmp/jar")
}

# api_key NAME: a new API key of the signed-in user, in $token.
api_key() {
  local csrf
  csrf=$(csrf_of /account)
  token=$(curl -s -b "$tmp/jar" -d "csrf=$csrf&naam=$1" "http://127.0.0.1:$port/account/sleutels" | grep -o 'wk_[0-9a-f]*' | head -1)
  [ -n "$cookie" ] && [ -n "$token" ] || { echo "sign-in or API key failed"; cat "$tmp/serve.log"; exit 1; }
}
