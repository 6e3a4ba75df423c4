#!/bin/sh
# The bytes cogfed-leptos adds to a minimal Leptos CSR app: builds `minimal` (provider + one component using
# use_auth) and `minimal_baseline` (the same app without cogfed-leptos) exactly like a release SPA, then
# prints raw, gzip -9 and brotli -q 11 sizes of each and the difference. The same for `minimal_json` and
# `minimal_json_baseline`: both apps plus serde_json use typical of an app (json_use.rs; the cogfed demo
# links serde_json too), i.e. what cogfed-leptos adds when serde_json is already paid for.
#
#   crates/cogfed-leptos/examples/minimal/measure.sh            (from anywhere in the workspace)
#
# Per app (workspace release profile: opt-level z, LTO, one codegen unit, panic=abort):
#   cargo build --release --target wasm32-unknown-unknown -p cogfed-leptos --example <app>
#   wasm-bindgen --target web --no-typescript --out-dir <dir> --out-name app target/wasm32-unknown-unknown/release/examples/<app>.wasm
#   tools/node_modules/.bin/wasm-opt -Oz <dir>/app_bg.wasm -o <dir>/app_bg.wasm
#   brotli -q 11 / gzip -9 of app_bg.wasm, app.js and the wasm-bindgen snippets (snippets/**/*.js: inline JS
#   modules that app.js imports, served as files of their own), each file compressed on its own
# Output goes to target/cogfed-leptos-size/<app>/ (override with OUT_DIR).
set -eu

root=$(cd "$(dirname "$0")/../../../.." && pwd)
out=${OUT_DIR:-"$root/target/cogfed-leptos-size"}
wasm_opt="$root/tools/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || { echo "missing $wasm_opt (run: cargo xtask setup)" >&2; exit 2; }
command -v wasm-bindgen >/dev/null || { echo "missing wasm-bindgen (run: cargo xtask setup)" >&2; exit 2; }
command -v brotli >/dev/null || { echo "missing brotli (apt-get install brotli)" >&2; exit 2; }
cd "$root"

size() { wc -c < "$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
br() { brotli -q 11 -c "$1" | wc -c | tr -d ' '; }

apps="minimal_baseline minimal minimal_json_baseline minimal_json"
for app in $apps; do
    cargo build --release --target wasm32-unknown-unknown -p cogfed-leptos --example "$app"
    rm -rf "${out:?}/$app"
    wasm-bindgen --target web --no-typescript --out-dir "$out/$app" --out-name app \
        "target/wasm32-unknown-unknown/release/examples/$app.wasm"
    "$wasm_opt" -Oz "$out/$app/app_bg.wasm" -o "$out/$app/app_bg.wasm"
done

files() { # app: every file the browser loads besides the HTML
    echo "$out/$1/app_bg.wasm"
    echo "$out/$1/app.js"
    find "$out/$1/snippets" -name '*.js' 2>/dev/null | sort
}
total() { # app measure
    sum=0
    for f in $(files "$1"); do sum=$((sum + $($2 "$f"))); done
    echo "$sum"
}

echo
echo "| app | file | raw | gzip -9 | brotli 11 |"
echo "|---|---|---:|---:|---:|"
for app in $apps; do
    for f in $(files "$app"); do
        echo "| $app | ${f#"$out/$app/"} | $(size "$f") | $(gz "$f") | $(br "$f") |"
    done
done
adds() { # label app baseline
    echo "| **$1** | all files | $(( $(total "$2" size) - $(total "$3" size) )) | $(( $(total "$2" gz) - $(total "$3" gz) )) | $(( $(total "$2" br) - $(total "$3" br) )) |"
}
adds "cogfed-leptos adds" minimal minimal_baseline
adds "cogfed-leptos adds, serde_json already in the app" minimal_json minimal_json_baseline
