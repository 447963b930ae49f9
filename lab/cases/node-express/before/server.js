// Express-shaped app for the dfopt lab: serves one route, requests itself once, prints the answer and exits.
const http = require('http');
const express = require('mini-express');

const app = express();
app.get('/', (req, res) => res.send('hello from an express-shaped app'));
app.listen(0, '127.0.0.1', (server) => {
  const { port } = server.address();
  http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => {
      console.log(`${res.statusCode} ${body}`);
      server.close();
    });
  });
});
