/**
 * Which OS packages a final stage needs at run time for the `-dev` packages a builder installed to compile native
 * extensions (pip's C extensions link the shared library the -dev package's `.so` symlink points to), and which OS
 * packages only build things. Tables over package names; no package index is ever asked.
 *
 * Where the names come from: Debian 12 (bookworm), packages.debian.org — for each -dev package, the binary package
 * that ships the shared object its `lib*.so` development symlink points to (libpq-dev → libpq5 ships libpq.so.5).
 * The same names exist in Debian 13 (trixie), directly or as the `Provides` of the t64-renamed package (libpng16-16 →
 * libpng16-16t64), so they also install on python:<ver>-slim images that follow trixie. Alpine names: the `-dev`
 * subpackage's origin package on pkgs.alpinelinux.org (postgresql-dev → libpq).
 */

/** A -dev package → its runtime packages; `null` when there is no small set to name (the fix is declined). */
export const DEBIAN_RUNTIME_PACKAGES: Readonly<Record<string, readonly string[] | null>> = {
  'libpq-dev': ['libpq5'],
  'libffi-dev': ['libffi8'],
  'libssl-dev': ['libssl3'],
  'libxml2-dev': ['libxml2'],
  'libxslt1-dev': ['libxslt1.1'],
  'libxslt-dev': ['libxslt1.1'],
  'libjpeg-dev': ['libjpeg62-turbo'],
  'libjpeg62-turbo-dev': ['libjpeg62-turbo'],
  'zlib1g-dev': ['zlib1g'],
  'default-libmysqlclient-dev': ['libmariadb3'],
  'libmariadb-dev': ['libmariadb3'],
  'libmariadb-dev-compat': ['libmariadb3'],
  'libmysqlclient-dev': ['libmariadb3'],
  'libyaml-dev': ['libyaml-0-2'],
  'libpng-dev': ['libpng16-16'],
  'libfreetype-dev': ['libfreetype6'],
  'libfreetype6-dev': ['libfreetype6'],
  'libwebp-dev': ['libwebp7', 'libwebpdemux2', 'libwebpmux3'],
  'libtiff-dev': ['libtiff6'],
  'libtiff5-dev': ['libtiff6'],
  'liblcms2-dev': ['liblcms2-2'],
  'libopenjp2-7-dev': ['libopenjp2-7'],
  'libsqlite3-dev': ['libsqlite3-0'],
  'libbz2-dev': ['libbz2-1.0'],
  'liblzma-dev': ['liblzma5'],
  'libmagic-dev': ['libmagic1'],
  'libzmq3-dev': ['libzmq5'],
  'libkrb5-dev': ['libkrb5-3', 'libgssapi-krb5-2'],
  'libsasl2-dev': ['libsasl2-2'],
  'libcurl4-openssl-dev': ['libcurl4'],
  'libgmp-dev': ['libgmp10'],
  'libblas-dev': ['libblas3'],
  'liblapack-dev': ['liblapack3'],
  'libopenblas-dev': ['libopenblas0'],
  'libgeos-dev': ['libgeos-c1v5'],
  'libsnappy-dev': ['libsnappy1v5'],
  'libxmlsec1-dev': ['libxmlsec1', 'libxmlsec1-openssl'],
  'unixodbc-dev': ['libodbc2', 'libodbcinst2'],
  'libsndfile1-dev': ['libsndfile1'],
  'portaudio19-dev': ['libportaudio2'],
  'libasound2-dev': ['libasound2'],
  'libglib2.0-dev': ['libglib2.0-0'],
  'libcairo2-dev': ['libcairo2'],
  'libsystemd-dev': ['libsystemd0'],
  'libpcre3-dev': ['libpcre3'],
  'libreadline-dev': ['libreadline8'],
  'libncurses-dev': ['libncursesw6'],
  'libncurses5-dev': ['libncursesw6'],
  'libncursesw5-dev': ['libncursesw6'],
  'uuid-dev': ['libuuid1'],
  // GDAL links dozens of libraries (proj, geos, hdf5, netcdf, poppler, …): no small runtime set to name.
  'libgdal-dev': null,
  'libboost-all-dev': null,
  'libopencv-dev': null,
};

/** Alpine: a -dev subpackage → its runtime package(s). */
export const ALPINE_RUNTIME_PACKAGES: Readonly<Record<string, readonly string[] | null>> = {
  'postgresql-dev': ['libpq'],
  'libpq-dev': ['libpq'],
  'libffi-dev': ['libffi'],
  'openssl-dev': ['libssl3'],
  'zlib-dev': ['zlib'],
  'jpeg-dev': ['libjpeg-turbo'],
  'libjpeg-turbo-dev': ['libjpeg-turbo'],
  'libxml2-dev': ['libxml2'],
  'libxslt-dev': ['libxslt'],
  'mariadb-dev': ['mariadb-connector-c'],
  'mariadb-connector-c-dev': ['mariadb-connector-c'],
  'yaml-dev': ['yaml'],
  'freetype-dev': ['freetype'],
  'libpng-dev': ['libpng'],
  'libwebp-dev': ['libwebp'],
  'tiff-dev': ['tiff'],
  'lcms2-dev': ['lcms2'],
  'openjpeg-dev': ['openjpeg'],
  'pcre-dev': ['pcre'],
  'geos-dev': ['geos'],
  'zeromq-dev': ['libzmq'],
  'unixodbc-dev': ['unixodbc'],
  'librdkafka-dev': ['librdkafka'],
  'krb5-dev': ['krb5-libs'],
  'cyrus-sasl-dev': ['cyrus-sasl'],
  'sqlite-dev': ['sqlite-libs'],
  'bzip2-dev': ['libbz2'],
  'xz-dev': ['xz-libs'],
  'gdal-dev': null,
};

/**
 * Libraries every Python runtime already has, because the interpreter itself links them (python:<ver>-slim and
 * -alpine keep them; Debian's python3 depends on them; distroless/python3 ships them): nothing to install.
 */
export const PYTHON_RUNTIME_LIBRARIES: ReadonlySet<string> = new Set([
  // Debian
  'libffi8',
  'libssl3',
  'zlib1g',
  'libsqlite3-0',
  'libbz2-1.0',
  'liblzma5',
  // Alpine
  'libffi',
  'zlib',
  'sqlite-libs',
  'libbz2',
  'xz-libs',
]);

/**
 * Packages that only build or fetch things (compilers, headers, build systems, VCS, download and apt-repository
 * tools): left in the builder. curl/wget/git stay in the final stage only when the start command or HEALTHCHECK runs them.
 */
export const BUILD_ONLY_PACKAGE =
  /^(build-essential|build-base|alpine-sdk|gcc(-\d+)?|g\+\+(-\d+)?|cpp|c\+\+|clang(-\d+)?|llvm(-\d+)?|make|cmake|ninja|ninja-build|meson|pkg-config|pkgconf|pkgconfig|autoconf|automake|libtool|libtool-bin|bison|flex|gfortran|swig|patch|dpkg-dev|libc6-dev|libc-dev|libc-dev-bin|linux-libc-dev|musl-dev|linux-headers(-.+)?|libstdc\+\+-\d+-dev|libgcc-\d+-dev|cargo|rust|rustc|git|unzip|curl|wget|gnupg2?|dirmngr|software-properties-common|apt-transport-https|apt-utils|lsb-release|python[\d.]*-(all-)?dev|python[\d.]*-devel|libpython[\d.]*-dev|python3-distutils|python[\d.]*-pip|py3-pip|python[\d.]*-venv|python[\d.]*-setuptools|py3-setuptools|python[\d.]*-wheel|py3-wheel|python[\d.]*-virtualenv)$/;

/** Tools a start command or HEALTHCHECK may run, and the package to keep for them in the final stage. */
export const RUNTIME_TOOL_PACKAGE: Readonly<Record<string, string>> = { curl: 'curl', wget: 'wget', git: 'git' };
