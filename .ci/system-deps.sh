# Debian packages the test suite needs besides Node: Java + Saxon-HE (official EN 16931 rules),
# xmllint (XML schemas), pdftotext (PDF text), chromium (+ a font) for the real-browser tests of
# the web app (npm run test:browser; playwright cannot download browsers here). Installed only
# when missing.
install_system_deps() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  ls /usr/share/java/Saxon-HE*.jar /usr/share/java/saxon*.jar >/dev/null 2>&1 || missing+=(libsaxonhe-java)
  command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing from Debian: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
