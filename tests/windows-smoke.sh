#!/usr/bin/env bash
# tend.exe under Wine: a smoke test of the Windows build, run by .ci/run.
#
#   tests/windows-smoke.sh [TEND_EXE]
#
# TEND_EXE defaults to target/x86_64-pc-windows-gnu/debug/tend.exe (build it
# with `cargo build --target x86_64-pc-windows-gnu`). Needs wine64 and
# x86_64-w64-mingw32-gcc (Debian: wine64, gcc-mingw-w64-x86-64).
#
# Every command runs non-interactively: a Windows console under Wine has no
# pseudo-terminal to type into, so prompts, menus and Ctrl-C are not driven
# here (see the README's Windows section for what was checked and how).
# Each step checks what tend printed and what is on the Windows drive.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
exe=${1:-target/x86_64-pc-windows-gnu/debug/tend.exe}
[ -f "$exe" ] || { echo "windows-smoke: no $exe; build it with cargo build --target x86_64-pc-windows-gnu" >&2; exit 1; }

export WINEPREFIX="$root/target/wine-prefix"
export WINEDLLOVERRIDES="mscoree,mshtml=" # no Mono or Gecko installers
export WINEDEBUG=-all
work="$root/target/windows-smoke"
mkdir -p "$work/bin"

# Wine 8 (Debian 12) lacks bcryptprimitives.dll, whose ProcessPrng Rust's
# standard library imports; a stand-in beside the exe answers for it.
# Test tooling only: it never ships with tend.
cp "$exe" "$work/bin/tend.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bin/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32

# The first wineboot takes a while; the prefix is made once and reused.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "windows-smoke: making the Wine prefix (once)"
  wineboot -i >/dev/null 2>&1 || true
  wineserver -w
fi
user=$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)
local_app="$WINEPREFIX/drive_c/users/$user/AppData/Local"
roaming="$WINEPREFIX/drive_c/users/$user/AppData/Roaming"
journal="$local_app/tend"
smoke="$WINEPREFIX/drive_c/tend-smoke" # C:\tend-smoke
rm -rf "$journal" "$roaming/tend" "$smoke"
mkdir -p "$smoke"
unset TEND_DIR TEND_CONFIG VISUAL EDITOR PAGER NO_COLOR

steps=0
fail() {
  echo "windows-smoke: FAILED at: $*" >&2
  echo "--- stdout:" >&2; cat "$work/out" >&2 || true
  echo "--- stderr:" >&2; cat "$work/err" >&2 || true
  exit 1
}
# tend NOW ARGS...: runs tend.exe at a pinned time; stdout in $work/out,
# stderr in $work/err, the exit code in $rc.
tend() {
  local now=$1; shift
  rc=0
  TEND_TEST_NOW=$now timeout 120 wine "$work/bin/tend.exe" "$@" >"$work/out" 2>"$work/err" || rc=$?
  steps=$((steps + 1))
}
ok() { [ "$rc" -eq 0 ] || fail "tend $* exited $rc"; }
says() { grep -qF -- "$1" "$work/$2" || fail "expected \"$1\" in $2"; }
lacks() { ! grep -qF -- "$1" "$work/$2" || fail "did not expect \"$1\" in $2"; }
has() { grep -qF -- "$2" "$1" || fail "expected \"$2\" in $1"; }
crlf() { sed 's/$/\r/' >"$1"; }

# 1. A check-in from an answers file with CRLF line ends (as Notepad saves),
#    into the usual place, %LOCALAPPDATA%\tend.
crlf "$smoke/answers.toml" <<'EOF'
motivation = 7
attend = "Sat with a new band 5 nurse at handover"
help = """Moved the rota meeting
so she could rest"""
next_action = { text = "Ask the team what would make handover easier", due = "2026-12-01" }
EOF
tend 2026-11-26T13:20:05+00:00 checkin --answers 'C:\tend-smoke\answers.toml'; ok checkin
says "Saved your check-in to C:\\users\\$user\\AppData\\Local\\tend\\entries\\2026\\11\\20261126T132005Z-" out
checkin=$(ls "$journal"/entries/2026/11/20261126T132005Z-*.toml)
[ "$(echo "$checkin" | wc -l)" -eq 1 ] || fail "one check-in file on the drive"
has "$checkin" 'kind = "checkin"'
has "$checkin" 'value = 7'
has "$checkin" 'value = "Sat with a new band 5 nurse at handover"'
# The file's line ends are not part of the answer: no \r (as TOML writes a
# carriage return) in the saved entry.
! grep -qF '\r' "$checkin" || fail "a carriage return from the answers file was kept in $checkin"
ck=$(basename "$checkin" .toml); ck=${ck: -6:4}

# 2. A note, a minute later.
tend 2026-11-26T13:21:00+00:00 note "Asked the night team what would help"; ok note
says "Saved your note to C:\\users\\$user\\AppData\\Local\\tend\\entries\\2026\\11\\" out
note=$(ls "$journal"/entries/2026/11/20261126T132100Z-*.toml)
has "$note" 'value = "Asked the night team what would help"'
nt=$(basename "$note" .toml); nt=${nt: -6:4}

# 3. list and show.
tend 2026-11-26T13:22:00+00:00 list; ok list
says "Thu 26 Nov 2026, 13:20  check-in" out
says "Asked the night team" out
says "$ck" out
says "$nt" out
tend 2026-11-26T13:22:00+00:00 show "$ck"; ok show
says "Moved the rota meeting" out
says "  so she could rest" out
says "by Tue 1 Dec 2026" out
says "C:\\users\\$user\\AppData\\Local\\tend\\entries\\2026\\11\\" out
# An entry named by its path, with Windows separators, from the journal folder.
tend 2026-11-26T13:22:00+00:00 show "entries\\2026\\11\\$(basename "$checkin")"; ok show by path
says "Moved the rota meeting" out

# 4. The summary, as text and as JSON.
tend 2026-11-26T13:23:00+00:00 summary; ok summary
says "Checked in on 1 of 1 day." out
says "Motivation averaged 7.0." out
tend 2026-11-26T13:23:00+00:00 summary --format json; ok summary json
says '"schema": "tend.summary"' out
says '"checkin_days": 1,' out
# A reader that stops early (a closed pipe) ends tend quietly.
rc=0
TEND_TEST_NOW=2026-11-26T13:23:00+00:00 timeout 120 wine "$work/bin/tend.exe" summary --format json 2>"$work/err" | head -c 10 >"$work/out" || rc=$?
lacks "panicked" err

# 5. An HTML export to a file on the Windows drive.
tend 2026-11-26T13:24:00+00:00 export --format html -o 'C:\tend-smoke\for-my-coach.html'; ok export
says "Saved the export to C:\\tend-smoke\\for-my-coach.html" err
has "$smoke/for-my-coach.html" "<!doctype html>"
has "$smoke/for-my-coach.html" "</html>"
has "$smoke/for-my-coach.html" "Motivation"

# 6. edit through a scripted editor: a .cmd file that puts an edited copy
#    (with CRLF line ends, as Notepad saves) in place of the file it is given.
sed 's/Asked the night team/Asked the whole night team/' "$note" | crlf "$smoke/edited.toml"
crlf "$smoke/editor.cmd" <<'EOF'
@echo off
copy /Y C:\tend-smoke\edited.toml "%~1" >NUL
EOF
EDITOR='C:\tend-smoke\editor.cmd' tend 2026-11-26T13:25:00+00:00 edit "$nt"; ok edit
says "Saved your changes to C:\\users\\$user\\AppData\\Local\\tend\\entries\\2026\\11\\" out
has "$note" "Asked the whole night team what would help"
ls "$journal"/trash/entries/*/*-edited.toml >/dev/null 2>&1 || fail "the version before the edit is in the trash"
has "$journal"/trash/entries/*/*-edited.toml 'value = "Asked the night team what would help"'
[ -f "$journal/.lock" ] || fail "the journal's lock file is there after an edit"
ls "$journal"/.edit-* >/dev/null 2>&1 && fail "the copy being edited was tidied away"

# 7. delete and restore.
tend 2026-11-26T13:26:00+00:00 delete "$nt" --yes; ok delete
says "to the trash (C:\\users\\$user\\AppData\\Local\\tend\\trash\\entries\\" out
[ ! -e "$note" ] || fail "the deleted note left the entries folder"
tend 2026-11-26T13:27:00+00:00 list; ok list after delete
lacks "$nt" out
tend 2026-11-26T13:28:00+00:00 restore "$nt"; ok restore
says "Restored the note" out
has "$note" "Asked the whole night team what would help"
tend 2026-11-26T13:29:00+00:00 list; ok list after restore
says "Asked the whole night team" out

# 8. doctor: all well in the usual place.
tend 2026-11-26T13:30:00+00:00 doctor; ok doctor
says "Checked 2 entries in C:\\users\\$user\\AppData\\Local\\tend." out
says "Everything looks right." out

# 9. A config file and a prompt pack with CRLF line ends, the journal named
#    with backslashes: doctor says it is not under %LOCALAPPDATA%.
crlf "$smoke/config.toml" <<'EOF'
# Written in Notepad
dir = 'C:\tend-smoke\elsewhere'
label = "leader-smoke"
EOF
mkdir -p "$smoke/prompts"
crlf "$smoke/prompts/mine.toml" <<'EOF'
id = "mine"
version = 1
title = "My check-in"
kind = "checkin"

[[questions]]
id = "energy"
type = "scale"
text = "How is your energy?"
min = 1
max = 5
labels = ["flat", "buzzing"]
measures = "motivation"
level = "summary"
EOF
printf 'energy = 4\r\n' >"$smoke/energy.toml"
export TEND_CONFIG='C:\tend-smoke\config.toml'
tend 2026-11-26T13:31:00+00:00 config show; ok config show
says "C:\\tend-smoke\\elsewhere" out
says "leader-smoke" out
tend 2026-11-26T13:31:00+00:00 checkin --pack mine --answers 'C:\tend-smoke\energy.toml'; ok checkin --pack mine
says "Saved your check-in to C:\\tend-smoke\\elsewhere\\entries\\2026\\11\\" out
has "$(ls "$smoke"/elsewhere/entries/2026/11/*.toml)" 'value = 4'
tend 2026-11-26T13:32:00+00:00 doctor
[ "$rc" -eq 1 ] || fail "doctor exits 1 when the journal is outside %LOCALAPPDATA% (exit $rc)"
says "[place] C:\\tend-smoke\\elsewhere: not under %LOCALAPPDATA%, so it may be copied" out
unset TEND_CONFIG

# 10. PowerShell completions.
tend 2026-11-26T13:33:00+00:00 completions powershell; ok completions
says "Register-ArgumentCompleter" out
says "'tend'" out

# 11. Sync without git: no Windows git exists under Wine, so tend sync init
#     and tend sync say exactly that, exit non-zero, and change nothing in
#     the journal folder (no .git, no .gitignore, every file as it was).
nogit="tend: tend sync uses git, and git was not found on this computer (it is not on PATH). Please install git (https://git-scm.com) and try again; nothing was changed."
files() { (cd "$journal" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(files)
for args in "sync init" "sync init C:\\tend-smoke\\remote.git" "sync"; do
  # shellcheck disable=SC2086 # the words of $args are the arguments
  tend 2026-11-26T13:34:00+00:00 $args
  [ "$rc" -ne 0 ] || fail "tend $args exits non-zero without git"
  [ "$(tr -d '\r' <"$work/err")" = "$nogit" ] || fail "tend $args says only the plain no-git message"
  [ "$(files)" = "$before" ] || fail "tend $args changed the journal folder"
done
[ ! -e "$journal/.git" ] || fail "no repository was made"

# 12. Encryption, round trip: the passphrase from a .cmd file (as a password
#     manager's command would give it), the recovery key written to a file,
#     a note while encrypted, and decrypt. The work factor is the real one.
crlf "$smoke/pass.cmd" <<'EOF'
@echo off
echo lantern orchard quietly
EOF
export TEND_PASSPHRASE_COMMAND='C:\tend-smoke\pass.cmd'
tend 2026-11-26T13:35:00+00:00 encrypt --recovery-key-out 'C:\tend-smoke\recovery.txt'; ok encrypt
has "$smoke/recovery.txt" "AGE-SECRET-KEY-1"
[ -f "$journal/key/identity.age" ] || fail "the wrapped journal key is in the journal's key folder"
! ls "$journal"/entries/2026/11/*.toml >/dev/null 2>&1 || fail "no entry left in the clear after encrypt"
[ "$(ls "$journal"/entries/2026/11/*.toml.age | wc -l)" -eq 2 ] || fail "both entries are .toml.age"
tend 2026-11-26T13:36:00+00:00 note "Encrypted on Windows, the night rota"; ok note encrypted
secret=$(ls "$journal"/entries/2026/11/20261126T133600Z-*.toml.age)
! grep -rqF "night rota" "$journal" || fail "the note's words are nowhere in the clear in the journal"
tend 2026-11-26T13:37:00+00:00 list; ok list encrypted
says "Encrypted on Windows" out
says "Asked the whole night" out
# The standard age command opens the Windows-written file with the recovery key.
age -d -i "$smoke/recovery.txt" "$secret" | grep -qF 'value = "Encrypted on Windows, the night rota"' ||
  fail "age opens $secret with the recovery key"
tend 2026-11-26T13:38:00+00:00 decrypt; ok decrypt
! ls "$journal"/entries/2026/11/*.toml.age >/dev/null 2>&1 || fail "no .toml.age left after decrypt"
has "${secret%.age}" 'value = "Encrypted on Windows, the night rota"'
has "$note" "Asked the whole night team what would help"
tend 2026-11-26T13:39:00+00:00 show "$nt"; ok show after decrypt
says "Asked the whole night team what would help" out
unset TEND_PASSPHRASE_COMMAND

echo "windows-smoke: ok ($steps runs of tend.exe under Wine)"
