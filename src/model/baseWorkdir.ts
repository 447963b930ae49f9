import type { ImageRef } from './imageRef';
import { officialName } from './toolchains';

/**
 * The WORKDIR an official base image sets itself, as its Dockerfile writes it, or null when none is known. Checked in
 * the docker-library repositories (every Dockerfile of each, since 2014): golang `WORKDIR $GOPATH` (/go on Linux),
 * php's apache and fpm variants `WORKDIR /var/www/html` (not cli or zts), redis `WORKDIR /data`, tomcat
 * `WORKDIR $CATALINA_HOME`, httpd `WORKDIR $HTTPD_PREFIX`. Images not listed may set one too; they are unknown here.
 */
export function baseImageWorkdir(ref: ImageRef): string | null {
  const name = officialName(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  switch (name) {
    case 'golang':
      return '$GOPATH';
    case 'php':
      return /(^|-)(apache|fpm)(-|$)/.test(tag) ? '/var/www/html' : null;
    case 'redis':
      return '/data';
    case 'tomcat':
      return '$CATALINA_HOME';
    case 'httpd':
      return '$HTTPD_PREFIX';
    default:
      return null;
  }
}
