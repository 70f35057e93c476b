#!/usr/bin/env bash
# Builds the root Dockerfile with podman on a machine with no Docker engine and no registry access, then runs the
# image's filesystem with chroot in playground + simulator mode (no credentials) and checks it end to end:
#
#   1. base images  localhost/seedance-sdk-aot:10 and localhost/seedance-runtime-deps:10, assembled from `debootstrap`
#                   (Debian minbase + the native libraries .NET needs; the SDK's also clang and zlib1g-dev for the
#                   Native AOT link) plus, in the SDK's, this machine's .NET SDK, then `podman import`ed. Cached:
#                   skipped while they exist and match the machine's .NET and this script's base recipe.
#   2. image        podman build --isolation chroot of the root Dockerfile against those bases.
#   3. run          podman create + export to a directory, chroot into it as the image's USER and start its
#                   ENTRYPOINT with the image's ENV (ASPNETCORE_URLS and Storage__Path overridden).
#   4. checks       GET /healthz; POST a /video command to the playground; poll the chat until the job's message
#                   carries a video URL; download it and check it is an MP4 (bytes 4..7 = "ftyp").
#
# Usage: deploy/verify-image.sh            (run as root; installs podman and debootstrap with apt-get if missing)
# Environment:
#   REBUILD_BASE=1    rebuild the base images even if they exist
#   WORK_DIR=...      scratch space (default /var/tmp/seedance-verify; the base rootfs cache lives there too)
#   PORT=18080        loopback port the bot listens on
#   VIDEO_TIMEOUT=180 seconds to wait for the video
#   KEEP=1            keep the exported filesystem and the podman container after the run
#   BOT_ENV="A=1 B=2" extra settings for the bot, applied after the image's ENV and the script's own
#
# It found (2026-11-26) that a "Urls" key in appsettings.json overrode ASPNETCORE_URLS, so the container listened on
# localhost:5080 instead of 8080; the key is gone (dotnet run takes 5080 from launchSettings.json). The check stays.
#
# Cache: the base images and ${WORK_DIR}/debian are reused; podman keeps build layers (a rerun with unchanged sources
# rebuilds in seconds). Old layers accumulate as the sources change: `podman image prune -f` removes them.
set -euo pipefail

# ---------------------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------------------
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK_DIR="${WORK_DIR:-/var/tmp/seedance-verify}"
PORT="${PORT:-18080}"
VIDEO_TIMEOUT="${VIDEO_TIMEOUT:-180}"
HEALTH_TIMEOUT="${HEALTH_TIMEOUT:-60}"

SDK_IMAGE="localhost/seedance-sdk-aot:10"
RUNTIME_IMAGE="localhost/seedance-runtime-deps:10"
# Bumped when the bases' recipe changes, so cached bases of an older recipe are rebuilt.
BASE_RECIPE="aot-1"
APP_IMAGE="localhost/seedancebot:verify"
CONTAINER_NAME="seedancebot-verify"

DOTNET_DIR="${DOTNET_DIR:-$(dirname "$(readlink -f "$(command -v dotnet)")")}" # the machine's .NET (usually /usr/share/dotnet)
SUITE="${SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME}")}"             # same Debian release as this machine
MIRROR="${MIRROR:-}"                                                               # default: first Debian URI in apt's sources
# Native dependencies of .NET on Debian (https://learn.microsoft.com/dotnet/core/install/linux-debian#dependencies).
BASE_PACKAGES="ca-certificates,libc6,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g"
# What the Native AOT publish needs on top (https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites).
AOT_PACKAGES="clang,zlib1g-dev"

ROOTFS_DIR="${WORK_DIR}/rootfs"  # the exported image, chrooted into
BOT_PID=""
MOUNTS=()
START_TIME=$(date +%s.%N)
STEP_TIME=${START_TIME}

# ---------------------------------------------------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------------------------------------------------
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }'; }
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
step() { STEP_TIME=$(date +%s.%N); log "== $*"; }
pass() { log "PASS: $* ($(elapsed "${STEP_TIME}"))"; }
fail() {
    log "FAIL: $* ($(elapsed "${STEP_TIME}"))"
    if [[ -f "${WORK_DIR}/bot.log" ]]; then
        log "last lines of the bot's log (${WORK_DIR}/bot.log):"
        tail -n 40 "${WORK_DIR}/bot.log" | sed 's/^/    /'
    fi
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------------
# Clean-up: stop the bot, unmount what we mounted, remove the container (runs on every exit)
# ---------------------------------------------------------------------------------------------------------------------
# still_running <pid>: alive and not a zombie (our own child stays a zombie until `wait`).
still_running() { [[ -e "/proc/$1" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

cleanup() {
    local status=$?
    if [[ -n "${BOT_PID}" ]] && kill -0 "${BOT_PID}" 2>/dev/null; then
        # SIGTERM is the image's STOPSIGNAL: the bot should stop by itself, well within 15 s.
        local stop_time bot_status=0
        stop_time=$(date +%s.%N)
        kill -TERM "${BOT_PID}" 2>/dev/null || true
        for _ in $(seq 1 75); do still_running "${BOT_PID}" || break; sleep 0.2; done
        if still_running "${BOT_PID}"; then
            log "WARN: the bot did not stop within 15s of SIGTERM; killed"
            kill -KILL "${BOT_PID}" 2>/dev/null || true
        fi
        wait "${BOT_PID}" 2>/dev/null || bot_status=$?
        log "bot stopped $(elapsed "${stop_time}") after SIGTERM (exit status ${bot_status})"
    fi
    local i
    for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
        umount -l "${MOUNTS[i]}" 2>/dev/null || true
    done
    if [[ "${KEEP:-0}" != 1 ]]; then
        podman rm -f "${CONTAINER_NAME}" >/dev/null 2>&1 || true
        [[ -d "${ROOTFS_DIR}" ]] && ! mountpoint -q "${ROOTFS_DIR}/proc" && rm -rf "${ROOTFS_DIR}"
    fi
    if [[ ${status} -eq 0 ]]; then
        log "PASS: all checks, total $(elapsed "${START_TIME}")"
    else
        log "FAIL: exit status ${status}, total $(elapsed "${START_TIME}")"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------------
# 0. Tools
# ---------------------------------------------------------------------------------------------------------------------
ensure_tools() {
    step "tools"
    [[ $(id -u) -eq 0 ]] || fail "run as root (debootstrap, chroot and mounts need it)"
    local missing=()
    command -v podman >/dev/null || missing+=(podman)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v curl >/dev/null || missing+=(curl)
    command -v jq >/dev/null || missing+=(jq)
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        # A fresh machine has no package lists yet: read them once, then install.
        { DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; }; } >"${WORK_DIR}/apt.log" 2>&1 \
            || fail "apt-get install ${missing[*]} (see ${WORK_DIR}/apt.log)"
    fi
    [[ -x "${DOTNET_DIR}/dotnet" ]] || fail "no .NET at ${DOTNET_DIR}"
    pass "podman $(podman --version | awk '{print $3}'), debootstrap, .NET at ${DOTNET_DIR}"
}

# The first Debian archive URI that apt on this machine uses (deb822 .sources or one-line .list).
debian_mirror() {
    if [[ -n "${MIRROR}" ]]; then echo "${MIRROR}"; return; fi
    local uri
    uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)
    [[ -n "${uri}" ]] || uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
    echo "${uri:-http://deb.debian.org/debian}"
}

# Versions of the machine's .NET, recorded as a label so a changed SDK rebuilds the bases.
dotnet_versions() {
    (cd "${DOTNET_DIR}" && ls -d sdk/* shared/*/* 2>/dev/null | tr '\n' ' ')
    echo "${BASE_RECIPE}"
}

# ---------------------------------------------------------------------------------------------------------------------
# 1. Base images
# ---------------------------------------------------------------------------------------------------------------------
base_images_current() {
    local want image
    want=$(dotnet_versions)
    for image in "${SDK_IMAGE}" "${RUNTIME_IMAGE}"; do
        podman image exists "${image}" || return 1
        [[ "$(podman image inspect --format '{{index .Labels "seedance.dotnet"}}' "${image}")" == "${want}" ]] || return 1
    done
}

# Debian minbase with .NET's native dependencies, this machine's extra CA certificates (HTTPS here may go through an
# intercepting proxy) and the "app" user (uid 1654) of the official .NET images. Cached in ${WORK_DIR}/debian.
# build_debian_rootfs <dir> <packages>
build_debian_rootfs() {
    local dir=$1 packages=$2 mirror
    if [[ -f "${dir}/.complete" ]]; then
        log "debian rootfs cached at ${dir}"
        return
    fi
    mirror=$(debian_mirror)
    # A debootstrap that failed may leave its /proc mounted in the target: unmount before removing anything.
    umount -l "${dir}/proc" 2>/dev/null || true
    rm -rf --one-file-system "${dir}"
    log "debootstrap --variant=minbase ${SUITE} from ${mirror} (log: ${WORK_DIR}/debootstrap.log)"
    debootstrap --variant=minbase --include="${packages}" "${SUITE}" "${dir}" "${mirror}" \
        >"${WORK_DIR}/debootstrap.log" 2>&1 || { umount -l "${dir}/proc" 2>/dev/null || true; fail "debootstrap (see ${WORK_DIR}/debootstrap.log)"; }

    # Trust what this machine trusts: its locally added CAs, then regenerate the bundle inside the rootfs.
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "${dir}/usr/local/share/ca-certificates/"
    fi
    chroot "${dir}" /usr/sbin/update-ca-certificates --fresh >>"${WORK_DIR}/debootstrap.log" 2>&1

    # The official images' non-root user.
    chroot "${dir}" /usr/sbin/groupadd --gid 1654 app
    chroot "${dir}" /usr/sbin/useradd --uid 1654 --gid 1654 --create-home --shell /bin/sh app

    # Slim down: apt lists and caches are not needed in an image.
    rm -rf "${dir}"/var/cache/apt/archives/*.deb "${dir}"/var/lib/apt/lists/* "${dir}"/var/log/*.log
    touch "${dir}/.complete"
}

# import_image <rootfs> <tag> <extra --change ...>: tar the rootfs into a one-layer image.
import_image() {
    local dir=$1 tag=$2
    shift 2
    tar --numeric-owner --exclude=./.complete -C "${dir}" -cf - . \
        | podman import \
            --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
            --change "ENV DOTNET_ROOT=/usr/share/dotnet" \
            --change "ENV APP_UID=1654" \
            --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" \
            --change "ENV ASPNETCORE_HTTP_PORTS=8080" \
            --change "LABEL seedance.dotnet=\"$(dotnet_versions)\"" \
            --quiet "$@" - "${tag}" >/dev/null
}

# smoke_test <rootfs> <command...>: the command must run in the rootfs (with chroot: `podman run` needs an OCI
# runtime that can set rlimits and namespaces, which these machines do not allow; `podman build --isolation chroot` and
# plain chroot work).
smoke_test() {
    local dir=$1 status=0
    shift
    mount -t proc proc "${dir}/proc"
    chroot "${dir}" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp DOTNET_ROOT=/usr/share/dotnet DOTNET_NOLOGO=1 \
        DOTNET_CLI_TELEMETRY_OPTOUT=1 "$@" >"${WORK_DIR}/smoke.log" 2>&1 || status=$?
    umount "${dir}/proc"
    ((status == 0)) || { cat "${WORK_DIR}/smoke.log"; fail "'$*' in ${dir}"; }
    log "smoke test in $(basename "${dir}"): $* -> $(head -n1 "${WORK_DIR}/smoke.log")"
}

build_base_images() {
    step "base images"
    if [[ "${REBUILD_BASE:-0}" != 1 ]] && base_images_current; then
        pass "cached: ${SDK_IMAGE}, ${RUNTIME_IMAGE}"
        return
    fi
    [[ "${REBUILD_BASE:-0}" == 1 ]] && rm -rf "${WORK_DIR}/debian" "${WORK_DIR}/debian-aot"
    build_debian_rootfs "${WORK_DIR}/debian" "${BASE_PACKAGES}"
    build_debian_rootfs "${WORK_DIR}/debian-aot" "${BASE_PACKAGES},${AOT_PACKAGES}"

    # SDK image: the whole of the machine's .NET (SDK, host, shared runtimes, packs) and the AOT toolchain.
    local sdk="${WORK_DIR}/sdk-rootfs" runtime="${WORK_DIR}/runtime-rootfs"
    rm -rf "${sdk}" "${runtime}"
    cp -a "${WORK_DIR}/debian-aot" "${sdk}"
    mkdir -p "${sdk}/usr/share/dotnet"
    cp -a "${DOTNET_DIR}/." "${sdk}/usr/share/dotnet/"
    ln -sf /usr/share/dotnet/dotnet "${sdk}/usr/bin/dotnet"
    smoke_test "${sdk}" dotnet --version
    smoke_test "${sdk}" clang --version
    log "importing ${SDK_IMAGE}"
    import_image "${sdk}" "${SDK_IMAGE}" \
        --change "ENV DOTNET_NOLOGO=1" \
        --change "ENV DOTNET_CLI_TELEMETRY_OPTOUT=1" \
        --change "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false" \
        --change "ENV NUGET_XMLDOC_MODE=skip" \
        --change "ENV NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}"

    # Runtime image: .NET's native dependencies only, as runtime-deps:10.0 (the app is one native executable).
    cp -a "${WORK_DIR}/debian" "${runtime}"
    smoke_test "${runtime}" /usr/bin/getent passwd app
    log "importing ${RUNTIME_IMAGE}"
    import_image "${runtime}" "${RUNTIME_IMAGE}"

    rm -rf "${sdk}" "${runtime}"
    pass "built ${SDK_IMAGE} ($(image_size "${SDK_IMAGE}")), ${RUNTIME_IMAGE} ($(image_size "${RUNTIME_IMAGE}"))"
}

image_size() { podman image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'; }

# ---------------------------------------------------------------------------------------------------------------------
# 2. The application image
# ---------------------------------------------------------------------------------------------------------------------
build_app_image() {
    step "podman build (log: ${WORK_DIR}/build.log)"
    # --format docker: the OCI image format has no HEALTHCHECK, and podman would drop the Dockerfile's.
    podman build --isolation chroot --network host --format docker \
        --ignorefile "${REPO_DIR}/.dockerignore" \
        --build-arg SDK_IMAGE="${SDK_IMAGE}" --build-arg RUNTIME_IMAGE="${RUNTIME_IMAGE}" \
        -t "${APP_IMAGE}" -f "${REPO_DIR}/Dockerfile" "${REPO_DIR}" >"${WORK_DIR}/build.log" 2>&1 \
        || { tail -n 40 "${WORK_DIR}/build.log" | sed 's/^/    /'; fail "podman build (see ${WORK_DIR}/build.log)"; }
    pass "built ${APP_IMAGE} ($(image_size "${APP_IMAGE}"))"
}

# ---------------------------------------------------------------------------------------------------------------------
# 3. Export the image and start the bot in it with chroot
# ---------------------------------------------------------------------------------------------------------------------
export_rootfs() {
    step "export filesystem to ${ROOTFS_DIR}"
    podman rm -f "${CONTAINER_NAME}" >/dev/null 2>&1 || true
    rm -rf "${ROOTFS_DIR}"
    mkdir -p "${ROOTFS_DIR}"
    # Only its filesystem is needed: no healthcheck timer (podman would ask systemd, which is absent here).
    podman create --no-healthcheck --name "${CONTAINER_NAME}" "${APP_IMAGE}" >/dev/null
    podman export "${CONTAINER_NAME}" | tar --numeric-owner -C "${ROOTFS_DIR}" -xf -
    [[ -x "${ROOTFS_DIR}/app/SeedanceBot" ]] || fail "no executable /app/SeedanceBot in the exported filesystem"
    [[ ! -e "${ROOTFS_DIR}/app/SeedanceBot.dll" ]] || fail "/app/SeedanceBot.dll is in the image: the publish was not Native AOT"
    pass "exported $(du -sh "${ROOTFS_DIR}" | cut -f1)"
}

mount_into_rootfs() {
    mkdir -p "${ROOTFS_DIR}/proc" "${ROOTFS_DIR}/dev"
    mount -t proc proc "${ROOTFS_DIR}/proc" && MOUNTS+=("${ROOTFS_DIR}/proc")
    mount --bind /dev "${ROOTFS_DIR}/dev" && MOUNTS+=("${ROOTFS_DIR}/dev")
}

start_bot() {
    step "start the bot with chroot"
    local user workdir env_lines=() entrypoint=() line
    user=$(podman image inspect --format '{{.Config.User}}' "${APP_IMAGE}")
    workdir=$(podman image inspect --format '{{.Config.WorkingDir}}' "${APP_IMAGE}")
    mapfile -t env_lines < <(podman image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "${APP_IMAGE}" | sed '/^$/d')
    mapfile -t entrypoint < <(podman image inspect --format '{{range .Config.Entrypoint}}{{println .}}{{end}}' "${APP_IMAGE}" | sed '/^$/d')
    ((${#entrypoint[@]})) || fail "the image has no ENTRYPOINT"
    user=${user:-0}
    [[ "${user}" == *:* ]] || user="${user}:${user}"

    # The VOLUME: a fresh, writable /data for the image's user.
    mkdir -p "${ROOTFS_DIR}/data"
    chown "${user}" "${ROOTFS_DIR}/data"
    mount_into_rootfs

    # No credentials: the bot starts its in-process simulator and the playground.
    local overrides=(
        "HOME=/tmp"
        "ASPNETCORE_URLS=http://127.0.0.1:${PORT}"
        "Storage__Path=/data/seedancebot.db"
    )
    # Extra VAR=value settings from the caller (e.g. BOT_ENV="Urls=http://127.0.0.1:18080"), added last so they win.
    local extra=()
    [[ -n "${BOT_ENV:-}" ]] && read -r -a extra <<<"${BOT_ENV}"
    overrides+=("${extra[@]}")
    log "chroot --userspec=${user} ${ROOTFS_DIR} env -C ${workdir:-/} ${entrypoint[*]} (log: ${WORK_DIR}/bot.log)"
    chroot --userspec="${user}" "${ROOTFS_DIR}" /usr/bin/env -i -C "${workdir:-/}" \
        "${env_lines[@]}" "${overrides[@]}" "${entrypoint[@]}" >"${WORK_DIR}/bot.log" 2>&1 &
    BOT_PID=$!
}

# ---------------------------------------------------------------------------------------------------------------------
# 4. Checks
# ---------------------------------------------------------------------------------------------------------------------
check_health() {
    local url="http://127.0.0.1:${PORT}/healthz" deadline=$((SECONDS + HEALTH_TIMEOUT)) body listening
    until body=$(curl -fsS --max-time 2 "${url}" 2>/dev/null); do
        kill -0 "${BOT_PID}" 2>/dev/null || fail "the bot exited before /healthz answered"
        # Started, but listening elsewhere: ASPNETCORE_URLS (the image's ENV, and ours) was overridden by configuration.
        listening=$(sed -n 's/.*Now listening on: //p' "${WORK_DIR}/bot.log" | tr '\n' ' ')
        if [[ -n "${listening}" && "${listening}" != *":${PORT}"* ]]; then
            fail "the bot listens on ${listening}instead of ASPNETCORE_URLS=http://127.0.0.1:${PORT}: a \"Urls\" key in its configuration (appsettings.json) overrides ASPNETCORE_URLS, so the image's ENV ASPNETCORE_URLS=http://+:8080 is ignored too"
        fi
        ((SECONDS < deadline)) || fail "/healthz did not answer within ${HEALTH_TIMEOUT}s"
        sleep 0.5
    done
    [[ "${body}" == "ok" ]] || fail "/healthz answered '${body}'"
    pass "/healthz answered 'ok'"

    # The image's own HEALTHCHECK command, run inside the chroot as the image would.
    step "HEALTHCHECK command inside the chroot"
    local hc=() user
    mapfile -t hc < <(podman image inspect --format '{{if .Config.Healthcheck}}{{range .Config.Healthcheck.Test}}{{println .}}{{end}}{{end}}' "${APP_IMAGE}" | sed '/^$/d')
    if ((${#hc[@]} > 1)) && [[ "${hc[0]}" == CMD ]]; then
        user=$(podman image inspect --format '{{.Config.User}}' "${APP_IMAGE}")
        user=${user:-0}
        [[ "${user}" == *:* ]] || user="${user}:${user}"
        chroot --userspec="${user}" "${ROOTFS_DIR}" /usr/bin/env -i -C /app PATH=/usr/bin:/bin HOME=/tmp \
            DOTNET_ROOT=/usr/share/dotnet ASPNETCORE_URLS="http://127.0.0.1:${PORT}" "${hc[@]:1}" \
            || fail "HEALTHCHECK (${hc[*]:1}) failed"
        pass "HEALTHCHECK ${hc[*]:1} exited 0"
    else
        log "no CMD healthcheck in the image; skipped"
    fi
}

check_video_round_trip() {
    step "/video round trip through the playground"
    local base="http://127.0.0.1:${PORT}" answer job_id video_url="" deadline=$((SECONDS + VIDEO_TIMEOUT))
    answer=$(curl -fsS --max-time 30 -H 'Content-Type: application/json' \
        -d '{"text":"/video a fox in the snow --duration 4","user":"verify"}' "${base}/playground/api/commands") \
        || fail "POST /playground/api/commands"
    job_id=$(jq -r '.jobId // empty' <<<"${answer}")
    [[ -n "${job_id}" ]] || fail "no jobId in the answer: ${answer}"
    log "job ${job_id} accepted"

    while [[ -z "${video_url}" ]]; do
        kill -0 "${BOT_PID}" 2>/dev/null || fail "the bot exited while the job ran"
        ((SECONDS < deadline)) || fail "no video URL within ${VIDEO_TIMEOUT}s; last messages: $(curl -fsS "${base}/playground/api/messages?user=verify" | jq -c '[.[] | {text, videoUrl}] | .[-3:]')"
        sleep 2
        video_url=$(curl -fsS --max-time 10 "${base}/playground/api/messages?user=verify" \
            | jq -r --arg job "${job_id}" '[.[] | select(.videoUrl != null and .videoUrl != "") | select((.id | contains($job)) or ((.fields // []) | tostring | contains($job)) or (.text | contains($job)))] | last | .videoUrl // empty' \
            2>/dev/null || true)
    done
    pass "video URL ${video_url}"

    step "download the video"
    local file="${WORK_DIR}/video.mp4" magic
    curl -fsS --max-time 60 -o "${file}" "${video_url}" || fail "download ${video_url}"
    magic=$(dd if="${file}" bs=1 skip=4 count=4 2>/dev/null)
    [[ "${magic}" == ftyp ]] || fail "bytes 4..7 of the video are '${magic}', not 'ftyp'"
    pass "$(stat -c %s "${file}") bytes, bytes 4..7 = 'ftyp'"
}

# ---------------------------------------------------------------------------------------------------------------------
main() {
    mkdir -p "${WORK_DIR}"
    rm -f "${WORK_DIR}/bot.log" "${WORK_DIR}/video.mp4"
    log "verify the image of ${REPO_DIR} (work dir ${WORK_DIR})"
    ensure_tools
    build_base_images
    build_app_image
    export_rootfs
    start_bot
    check_health
    check_video_round_trip
}

main "$@"
