# Shared set-up for bin/serve and bin/test: a reachable PostgreSQL, an Odoo
# configuration for this checkout, and the list of the project's modules.
# Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.odoo"
CONF="$STATE_DIR/odoo.conf"
DB_HOST="${AFTERSALES_DB_HOST:-localhost}"
DB_PORT="${AFTERSALES_DB_PORT:-5432}"
DB_USER="${AFTERSALES_DB_USER:-odoo}"
DB_PASSWORD="${AFTERSALES_DB_PASSWORD:-odoo}"
# Every add-on of the repository, in dependency order.
MODULES=""
for m in aftersales_service aftersales_survey aftersales_complaint; do
    if [ -f "$ROOT/$m/__manifest__.py" ]; then MODULES="${MODULES:+$MODULES,}$m"; fi
done

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

odoo_importable() { python3 -c 'import odoo.release as r; assert r.version_info[0] == 19, r.version' 2>/dev/null; }

# Odoo 19.0 for a machine where python3 cannot import it: from the source folder
# ODOO_SRC, else from Odoo's official source archive (unpacked into .odoo/odoo-src),
# else one line saying what to do.
ODOO_ARCHIVE_URL="${ODOO_ARCHIVE_URL:-https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz}"
require_odoo() {
    odoo_importable && return 0
    local src="${ODOO_SRC:-}"
    if [ -n "$src" ]; then
        is_odoo19_source "$src" \
            || die "ODOO_SRC=$src is not an Odoo 19.0 source folder: point ODOO_SRC at one (it holds odoo/release.py and requirements.txt)."
    else
        src="$STATE_DIR/odoo-src"
        is_odoo19_source "$src" || fetch_odoo_source "$src" \
            || die "python3 cannot import Odoo 19 and $ODOO_ARCHIVE_URL cannot be reached: set ODOO_SRC to an Odoo 19.0 source folder (see README.md)."
    fi
    install_odoo "$src"
    odoo_importable || die "Odoo 19.0 was installed from $src but python3 still cannot import it (see README.md)."
}

is_odoo19_source() {
    [ -f "$1/requirements.txt" ] && grep -Eq '^version_info = \(19, 0' "$1/odoo/release.py" 2>/dev/null
}

fetch_odoo_source() {
    local dest="$1" tmp
    say "Downloading Odoo 19.0 source: $ODOO_ARCHIVE_URL"
    tmp="$(mktemp -d)"
    if curl -fsSL --connect-timeout 15 "$ODOO_ARCHIVE_URL" | tar -xz -C "$tmp" --strip-components=1 2>/dev/null \
        && is_odoo19_source "$tmp"; then
        rm -rf "$dest" && mkdir -p "$(dirname "$dest")" && mv "$tmp" "$dest"
    else
        rm -rf "$tmp"
        return 1
    fi
}

# Odoo's requirements.txt with what fails to build on current Python tooling replaced:
# cbor2 5.4 (its setup imports pkg_resources), the pinned gevent/greenlet (no wheels),
# psycopg2 (needs libpq headers: psycopg2-binary doesn't) and python-ldap (needs
# libldap headers; only auth_ldap uses it).
install_odoo() {
    local src="$1" requirements
    say "Installing Odoo 19.0 from $src into $(command -v python3)"
    requirements="$(mktemp)"
    grep -Ev '^(cbor2|gevent|greenlet|psycopg2|python-ldap)[ =<>;]' "$src/requirements.txt" >"$requirements"
    printf '%s\n' 'cbor2>=5.6' gevent psycopg2-binary >>"$requirements"
    # an externally managed (Debian) python3 needs the flag; a virtualenv ignores it
    PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q -r "$requirements" \
        && PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q -e "$src" \
        || { rm -f "$requirements"; die "installing Odoo 19.0 from $src failed (pip output above)"; }
    rm -f "$requirements"
}

as_postgres() { runuser -u postgres -- "$@"; }

# Start the machine's PostgreSQL (Debian package) unless one already answers,
# and make sure the role Odoo connects with exists.
ensure_postgres() {
    if ! pg_isready -q -h "$DB_HOST" -p "$DB_PORT" 2>/dev/null; then
        if ! command -v pg_lsclusters >/dev/null 2>&1; then
            apt_install postgresql
        fi
        local cluster
        cluster="$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')"
        if [ -z "$cluster" ]; then
            local version
            version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
            pg_createcluster "$version" main >/dev/null
            cluster="$version main"
        fi
        say "Starting PostgreSQL cluster $cluster"
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster start
        for _ in $(seq 1 30); do
            pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && break
            sleep 1
        done
        pg_isready -q -h "$DB_HOST" -p "$DB_PORT" || die "PostgreSQL did not start on $DB_HOST:$DB_PORT"
    fi
    if ! PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        say "Creating PostgreSQL role $DB_USER"
        as_postgres psql -q -p "$DB_PORT" -c "CREATE ROLE \"$DB_USER\" LOGIN SUPERUSER PASSWORD '$DB_PASSWORD'" \
            || as_postgres psql -q -p "$DB_PORT" -c "ALTER ROLE \"$DB_USER\" LOGIN SUPERUSER PASSWORD '$DB_PASSWORD'"
    fi
}

apt_install() {
    [ "$(id -u)" = 0 ] || die "missing Debian packages: $*; run: sudo apt-get install $*"
    say "Installing $* (Debian packages)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# What the tests need besides Odoo: Chromium for the browser tours, wkhtmltopdf for
# PDF reports, CJK fonts for Chinese PDFs, pytest-odoo and websocket-client.
ensure_test_tools() {
    local missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    fc-list 2>/dev/null | grep -qi "noto.*cjk" || missing+=(fonts-noto-cjk)
    if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
    python3 -c 'import pytest_odoo, websocket' 2>/dev/null \
        || python3 -m pip install -q -r "$ROOT/requirements-test.txt"
}

# OCA add-ons the modules depend on, from PyPI (as OCA publishes them), unpacked into
# .odoo/oca: web_timeline draws the dispatcher's timeline (DSP-1).
OCA_DIR="$STATE_DIR/oca"
OCA_ADDONS="odoo-addon-web_timeline>=19.0a,<19.1"
ensure_oca_addons() {
    if [ ! -f "$OCA_DIR/odoo/addons/web_timeline/__manifest__.py" ]; then
        say "Fetching OCA add-ons from PyPI: $OCA_ADDONS"
        mkdir -p "$OCA_DIR/wheels"
        # shellcheck disable=SC2086
        python3 -m pip download -q --no-deps -d "$OCA_DIR/wheels" $OCA_ADDONS \
            || die "could not download $OCA_ADDONS from PyPI"
        for wheel in "$OCA_DIR"/wheels/*.whl; do python3 -m zipfile -e "$wheel" "$OCA_DIR"; done
    fi
}

write_config() {
    local http_port="$1"
    mkdir -p "$STATE_DIR/data"
    ensure_oca_addons
    cat > "$CONF" <<CONF
[options]
addons_path = $ROOT,$OCA_DIR/odoo/addons
data_dir = $STATE_DIR/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
http_port = $http_port
admin_passwd = admin
list_db = False
CONF
}

psql_odoo() { PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "$1"; }

db_exists() { [ "$(psql_odoo "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

drop_db() {
    psql_odoo "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$STATE_DIR/data/filestore/$1"
}

odoo() { python3 -m odoo -c "$CONF" "$@"; }
