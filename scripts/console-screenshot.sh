#!/usr/bin/env bash
# Screenshots of the operator console of a running `crossdock run`, taken by headless Chromium.
#
#   scripts/console-screenshot.sh URL [TOKEN] [FILE_ID]
#
# URL is the console's base address (http://127.0.0.1:8080), TOKEN its console.token (or the
# CROSSDOCK_CONSOLE_TOKEN variable; none when the console runs without one, on loopback), FILE_ID the file
# whose lineage to show (default: the newest file, asked from the API). Installs Debian's `chromium` when it
# is missing (apt-get, through sudo when not root). Writes var/console-overview.png, var/console-files.png
# and var/console-lineage.png, and checks that the pages show files and a lineage.
#
# Signing in: the token goes in the address's fragment (#token=…&next=/console/…), which the login page
# reads, removes from the address and posts as its form; a fragment is never sent to the server.
set -euo pipefail

url="${1:?usage: scripts/console-screenshot.sh URL [TOKEN] [FILE_ID]}"
url="${url%/}"
token="${2:-${CROSSDOCK_CONSOLE_TOKEN:-}}"
file_id="${3:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/var"
mkdir -p "$out"

chromium_bin() { command -v chromium || command -v chromium-browser || true; }
if [ -z "$(chromium_bin)" ]; then
    echo "console-screenshot: installing chromium (Debian package)" >&2
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >&2
fi
browser="$(chromium_bin)"
[ -n "$browser" ] || { echo "console-screenshot: chromium could not be installed" >&2; exit 2; }

auth=()
[ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
if [ -z "$file_id" ]; then
    files_json="$(curl -fsS "${auth[@]}" "$url/api/files?limit=1")" || {
        echo "console-screenshot: cannot read $url/api/files (is the console running, is the token right?)" >&2
        exit 1
    }
    file_id="$(python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(items[0]["id"] if items else "")' <<<"$files_json")"
fi
[ -n "$file_id" ] || { echo "console-screenshot: the console has no file yet" >&2; exit 1; }

# Each run gets its own profile, so no session outlives it.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

address() {  # the address that opens console page $1, signing in first when there is a token
    if [ -n "$token" ]; then
        local encoded
        encoded="$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$token")"
        echo "$url/console/login#token=$encoded&next=$1"
    else
        echo "$url$1"
    fi
}

shoot() {  # page, png name, text the page must show
    local page="$1" name="$2" expect="$3"
    local flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile"
        --virtual-time-budget=10000 --window-size=1280,900)
    "$browser" "${flags[@]}" --screenshot="$out/$name" "$(address "$page")" >/dev/null 2>&1
    local dom
    dom="$("$browser" "${flags[@]}" --dump-dom "$(address "$page")" 2>/dev/null)"
    if ! grep -q "$expect" <<<"$dom"; then
        echo "console-screenshot: $page does not show '$expect'" >&2
        exit 1
    fi
    echo "$out/$name"
}

shoot /console console-overview.png "Backlog per destination"
shoot /console/files console-files.png "/console/files/$file_id"
shoot "/console/files/$file_id" console-lineage.png "interchange\|Records"
