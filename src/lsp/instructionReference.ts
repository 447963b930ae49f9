import type { Keyword } from '../parse';

/** Hover text for each instruction keyword: what it does and its forms, after the Dockerfile reference. */
export const INSTRUCTION_REFERENCE: Readonly<Record<Keyword, { readonly syntax: string; readonly text: string }>> = {
  ADD: {
    syntax: 'ADD [--chown=<user>] [--chmod=<perms>] [--checksum=<hash>] <src>... <dest>',
    text: 'Copies files, directories or remote URLs into the image; local tar archives are extracted. Prefer COPY for plain local files.',
  },
  ARG: { syntax: 'ARG <name>[=<default>]', text: 'Declares a build argument, settable with `--build-arg`. Before the first FROM it is global and usable in FROM lines only; redeclare it inside a stage to use it there.' },
  CMD: { syntax: 'CMD ["executable","param1"] | CMD command param1', text: 'The default command (or default arguments to ENTRYPOINT) of a container. Only the last CMD of the final stage counts.' },
  COPY: {
    syntax: 'COPY [--from=<stage|image>] [--chown=<user>] [--chmod=<perms>] [--link] <src>... <dest>',
    text: 'Copies files from the build context, or from another stage or image with `--from`, into the image.',
  },
  ENTRYPOINT: { syntax: 'ENTRYPOINT ["executable","param1"] | ENTRYPOINT command param1', text: 'The program a container runs; CMD supplies its default arguments. The JSON form receives signals directly.' },
  ENV: { syntax: 'ENV <key>=<value> ...', text: 'Sets environment variables for the rest of the stage and for containers run from the image.' },
  EXPOSE: { syntax: 'EXPOSE <port>[/<protocol>] ...', text: 'Documents the ports the container listens on (tcp by default); it publishes nothing by itself.' },
  FROM: {
    syntax: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]',
    text: 'Starts a build stage on a base image (or on an earlier stage by name, or on `scratch`). The last stage is the image that is built unless `--target` picks another.',
  },
  HEALTHCHECK: { syntax: 'HEALTHCHECK [--interval=…] [--timeout=…] [--retries=…] CMD command | HEALTHCHECK NONE', text: 'Tells the runtime how to test that the container still works.' },
  LABEL: { syntax: 'LABEL <key>=<value> ...', text: 'Adds metadata to the image (`org.opencontainers.image.*` keys are the common vocabulary).' },
  MAINTAINER: { syntax: 'MAINTAINER <name>', text: 'Deprecated: sets the author field. Use `LABEL org.opencontainers.image.authors="…"` instead.' },
  ONBUILD: { syntax: 'ONBUILD <INSTRUCTION>', text: 'Registers an instruction to run when another build uses this image as its base.' },
  RUN: {
    syntax: 'RUN [--mount=…] [--network=…] [--security=…] command | RUN ["executable","param1"] | RUN <<EOF … EOF',
    text: 'Runs a command in a new layer on top of the current image; each RUN is one layer, so clean up in the same RUN.',
  },
  SHELL: { syntax: 'SHELL ["executable","param1"]', text: 'Sets the shell used by the shell form of RUN, CMD and ENTRYPOINT (default `["/bin/sh", "-c"]`).' },
  STOPSIGNAL: { syntax: 'STOPSIGNAL <signal>', text: 'The signal sent to the container to stop it (default SIGTERM).' },
  USER: { syntax: 'USER <user>[:<group>]', text: 'Sets the user (and group) for the rest of the stage and for containers run from the image.' },
  VOLUME: { syntax: 'VOLUME ["/data"]', text: 'Marks a path as a mount point for external volumes; changes made to it after this line by later instructions are discarded.' },
  WORKDIR: { syntax: 'WORKDIR <path>', text: 'Sets the working directory for the instructions after it (created if missing); relative paths resolve against the previous WORKDIR.' },
};

export const instructionDocsUrl = (keyword: Keyword): string => `https://docs.docker.com/reference/dockerfile/#${keyword.toLowerCase()}`;
