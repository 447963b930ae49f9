import rule from '../../rules/use-multi-stage';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'PowerShell stage that downloads a binary: no toolchain',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Invoke-WebRequest https://example.com/app.exe -OutFile C:\\app.exe\nCMD ["C:\\app.exe"]\n',
    },
    {
      name: 'multi-stage: artifact copied into distroless',
      code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nCMD ["/app"]\n',
    },
    { name: 'toolchain image without CMD (dev/CI image)', code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n' },
    { name: 'CMD is a bare shell', code: 'FROM rust:1.80\nRUN cargo install ripgrep\nCMD ["bash"]\n' },
    { name: 'CMD runs the toolchain', code: 'FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn package\nCMD ["mvn", "spring-boot:run"]\n' },
    { name: 'toolchain installed but not used', code: 'FROM debian:12.5\nRUN apt-get update && apt-get install -y gcc\nCMD ["/usr/local/bin/app"]\n' },
    {
      name: 'build deps purged in the same RUN (continuation with comment lines)',
      code:
        'FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y gcc libpq-dev \\\n# compile psycopg\n && pip install psycopg2==2.9.9 \\\n' +
        ' && apt-get purge -y --auto-remove gcc\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'apk virtual package deleted',
      code: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install uwsgi==2.0.26 \\\n && apk del .build-deps\nCMD ["uwsgi"]\n',
    },
    { name: 'npm devDependencies pruned', code: 'FROM node:22-slim\nCOPY . .\nRUN npm ci && npm run build && npm prune --omit=dev\nCMD ["node", "dist/index.js"]\n' },
    { name: 'JRE base cannot compile', code: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nRUN javac -version || true\nCMD ["java", "-jar", "/app.jar"]\n' },
    { name: 'heredoc RUN without build', code: 'FROM node:22\nRUN <<EOF\nnpm ci --omit=dev\nEOF\nCMD ["node", "server.js"]\n' },
    { name: 'base from an ARG without default', code: 'ARG IMAGE\nFROM ${IMAGE}\nRUN go build ./...\nCMD ["/app"]\n' },
  ],
  invalid: [
    {
      name: 'the fix: a Go build split into a builder and a distroless final stage',
      code: 'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum *.go ./\nRUN go build -o /usr/local/bin/app .\nEXPOSE 8080\nCMD ["app"]\n',
      errors: [{ line: 1, column: 6, message: 'go build' }],
      output:
        'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum *.go ./\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /usr/local/bin/app .\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /src\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\nEXPOSE 8080\n' +
        'CMD ["/usr/local/bin/app"]\n',
    },
    {
      name: 'no fix when the artifact is unknown, and the message says why',
      code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build ./...\nCMD ["app"]\n',
      errors: [{ line: 1, message: '(no automatic fix: `go build` without a literal `-o` path' }],
      output: null,
    },
    {
      name: 'PowerShell stage: the golang base still ships its toolchain',
      code: 'FROM golang:1.23\nSHELL ["pwsh", "-Command"]\nRUN go build -o /app .\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 6, message: 'go build' }],
    },
    {
      code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\nCMD ["app"]\n',
      errors: [
        {
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          message:
            'Final image keeps the Go toolchain (base image golang:1.23) that `go build` uses at line 4; build in a builder stage and COPY --from it only the artifact into a minimal base such as distroless or -slim.',
        },
      ],
    },
    {
      name: 'compiler installed and not purged, pip builds with it',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc python3-dev\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 6, message: '(gcc, installed at line 2) that `pip install` uses at line 3' }],
    },
    {
      name: 'purged only in a later RUN: still in the lower layer',
      code: 'FROM debian:12.5\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\nRUN make -C /src install\nRUN apt-get purge -y build-essential\nENTRYPOINT ["/usr/local/bin/tool"]\n',
      errors: [{ line: 1, message: '`make` uses at line 4' }],
    },
    {
      name: 'npm build keeps devDependencies (heredoc RUN)',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nnpm ci\nnpm run build\nEOF\nCMD ["npm", "start"]\n',
      errors: [{ line: 1, message: 'npm devDependencies (`npm ci` at line 4) that `npm run build` uses at line 4' }],
    },
    {
      name: 'multi-stage whose final stage builds from the SDK stage',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS sdk\nWORKDIR /src\nFROM sdk AS final\nCOPY . .\nRUN dotnet publish -c Release -o /app\nENTRYPOINT ["dotnet", "/app/Api.dll"]\n',
      errors: [{ line: 3, column: 6, message: '.NET SDK (base image mcr.microsoft.com/dotnet/sdk:8.0) that `dotnet publish`' }],
    },
    {
      name: 'lower-case instructions, continuation with a comment line, apk',
      code: 'from alpine:3.20\nrun apk add --no-cache build-base cmake \\\n# configure and build\n && cmake -S /src -B /b && cmake --build /b\ncmd ["/b/app"]\n',
      errors: [{ line: 1, column: 6, message: '(build-base, installed at line 2) that `cmake` uses at line 2' }],
    },
    {
      name: 'maven wrapper on a JDK base',
      code: 'FROM eclipse-temurin:21-jdk\nCOPY . .\nRUN ./mvnw -B package -DskipTests\nENTRYPOINT ["java", "-jar", "target/app.jar"]\n',
      errors: [{ line: 1, message: '`mvnw package` uses at line 3' }],
    },
    {
      name: 'build deps from a shell variable, never purged',
      code: 'FROM debian:12.5\nRUN deps="gcc make" && apt-get update && apt-get install -y $deps && ./configure && make\nCMD ["/usr/local/bin/app"]\n',
      errors: [{ line: 1, message: '`./configure` uses at line 2' }],
    },
  ],
});
