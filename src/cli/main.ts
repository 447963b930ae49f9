// Placeholder entry replaced by the real CLI in the next commit.
process.exitCode = 0;
