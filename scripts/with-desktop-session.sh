#!/usr/bin/env bash
# Run a command inside a throwaway desktop session: Xvfb (free display picked by
# Xvfb), a D-Bus session bus (dbus-launch) and dunst as the notification daemon.
#   scripts/with-desktop-session.sh npx vitest run --project unit test/notifier
# Everything started here is stopped when the command ends (or on Ctrl-C).
set -euo pipefail

for bin in Xvfb dbus-launch dunst; do
  command -v "$bin" >/dev/null 2>&1 || { echo "with-desktop-session: $bin is not installed (apt-get install xvfb dbus-x11 dunst libnotify-bin)" >&2; exit 127; }
done
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

workdir=$(mktemp -d -t stockroom-desktop-XXXXXX)
xvfb_pid='' dunst_pid='' bus_pid=''
cleanup() {
  [ -n "$dunst_pid" ] && kill "$dunst_pid" 2>/dev/null || true
  [ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$workdir/display" 2>"$workdir/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$workdir/display" ] && break; sleep 0.1; done
[ -s "$workdir/display" ] || { echo "Xvfb did not start: $(cat "$workdir/xvfb.log")" >&2; exit 1; }
export DISPLAY=":$(tr -d '[:space:]' < "$workdir/display")"

eval "$(dbus-launch --sh-syntax)"
bus_pid=$DBUS_SESSION_BUS_PID
export DBUS_SESSION_BUS_ADDRESS

dunst >"$workdir/dunst.log" 2>&1 &
dunst_pid=$!
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q 'boolean true' && break
  sleep 0.1
done

echo "desktop session: DISPLAY=$DISPLAY, D-Bus $DBUS_SESSION_BUS_ADDRESS, dunst pid $dunst_pid" >&2
"$@"
