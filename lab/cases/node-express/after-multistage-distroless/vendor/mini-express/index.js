// An express-shaped router (app.get, app.listen) vendored for the lab, which has no npm registry.
const http = require('http');

module.exports = function miniExpress() {
  const routes = new Map();
  const app = {
    get(path, handler) {
      routes.set(path, handler);
      return app;
    },
    listen(port, host, callback) {
      const server = http.createServer((req, res) => {
        const handler = routes.get(req.url);
        if (!handler) {
          res.statusCode = 404;
          res.end('not found');
          return;
        }
        handler(req, { send: (body) => res.end(String(body)) });
      });
      return server.listen(port, host, () => callback(server));
    },
  };
  return app;
};
