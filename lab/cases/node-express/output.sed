# `npm start` prints its banner (`> package@version start`, `> the start script`, blank lines around) before the app
# runs; a rewrite that runs the start script's `node server.js` directly prints the app's output alone.
/^> node-express@1\.0\.0 start$/d
/^> node server\.js$/d
/^$/d
