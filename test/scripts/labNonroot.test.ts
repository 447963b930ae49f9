import { fromImages, planNonrootTags } from '../../scripts/labNonroot';

// npm run lab on a fresh store: the distroless `:nonroot` tags dfopt's rewrites end in are made from `:latest`.
const store = (...images: string[]) => (image: string): boolean => images.includes(image);
const GO = [
  'FROM golang:1.23 AS build',
  'RUN go build -o /out/app .',
  'FROM gcr.io/distroless/static-debian12:nonroot',
  'COPY --from=build /out/app /app',
  'CMD ["/app"]',
  '',
].join('\n');

describe('planNonrootTags', () => {
  it('makes a missing :nonroot tag from the :latest of the same repository', () => {
    expect(planNonrootTags([GO], store('gcr.io/distroless/static-debian12:latest'))).toEqual({
      make: [{ tag: 'gcr.io/distroless/static-debian12:nonroot', from: 'gcr.io/distroless/static-debian12:latest' }],
      missing: [],
    });
  });
  it('leaves a tag the store already has, and other images, alone', () => {
    const texts = [GO, 'FROM debian:bookworm\nCMD ["true"]\n', 'FROM gcr.io/distroless/static-debian12:latest\n'];
    expect(planNonrootTags(texts, store('gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/static-debian12:latest'))).toEqual({ make: [], missing: [] });
  });
  it('lists a :nonroot image without a :latest to make it from as missing', () => {
    const node = 'FROM node:18 AS build\nFROM gcr.io/distroless/nodejs18-debian12:nonroot\nCMD ["server.js"]\n';
    expect(planNonrootTags([node, GO], store('gcr.io/distroless/static-debian12:latest'))).toEqual({
      make: [{ tag: 'gcr.io/distroless/static-debian12:nonroot', from: 'gcr.io/distroless/static-debian12:latest' }],
      missing: ['gcr.io/distroless/nodejs18-debian12:nonroot'],
    });
  });
  it('names each tag once however many Dockerfiles and stages name it', () => {
    const twice = `${GO}FROM gcr.io/distroless/static-debian12:nonroot AS again\n`;
    expect(planNonrootTags([GO, twice], store('gcr.io/distroless/static-debian12:latest')).make).toHaveLength(1);
  });
});

describe('fromImages', () => {
  it('reads the FROM images past --platform, without stage names or ARG-built references', () => {
    const text = [
      'ARG V=1.23',
      'FROM --platform=$BUILDPLATFORM golang:${V} AS build',
      'FROM build AS test',
      'FROM --platform=linux/amd64 gcr.io/distroless/static:nonroot AS final',
      '',
    ].join('\n');
    expect(fromImages(text)).toEqual(['gcr.io/distroless/static:nonroot']);
  });
});
