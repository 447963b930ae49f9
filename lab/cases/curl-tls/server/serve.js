// The curl-tls case's TLS endpoint, started by `npm run lab` on the host for the case's runs (the lab's containers
// share the host's network): https://localhost:48443/ with a certificate signed by the lab's test CA, whose
// certificate the images add to the system bundle. Prints `listening` once it accepts connections.
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');

const PORT = 48443;
const server = https.createServer(
  { cert: fs.readFileSync(path.join(__dirname, 'server.crt')), key: fs.readFileSync(path.join(__dirname, 'server.key')) },
  (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello over TLS, verified against the image\'s CA bundle\n');
  },
);
server.listen(PORT, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
