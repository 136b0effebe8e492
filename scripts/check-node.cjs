// Runs before anything else is installed (npm runs every package's preinstall before any
// package's install script, so before isolated-vm compiles), and again by the bin. Plain
// CommonJS in old syntax so that any Node can run it and say what to do.
'use strict';

var NEEDED = 24;

/** The line to print when `version` (as process.version) is too old, else undefined. */
function nodeProblem(version) {
  var major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (major >= NEEDED) return undefined;
  return (
    'eventing-dev needs Node.js ' +
    NEEDED +
    ' or newer (this is Node.js ' +
    version +
    '): ' +
    'install Node.js ' +
    NEEDED +
    ' from https://nodejs.org (or `nvm install ' +
    NEEDED +
    '`), then run the command again.'
  );
}

/** The line to print when isolated-vm cannot be loaded after installing, else undefined. */
function isolatedVmProblem(spawnSync) {
  var probe = spawnSync(process.execPath, ['--no-node-snapshot', '-e', "require('isolated-vm')"], {
    encoding: 'utf8',
  });
  if (probe.status === 0) return undefined;
  var cause = String(probe.stderr || '')
    .split('\n')
    .filter((line) => /Error|error:/.test(line))[0];
  return (
    'eventing-dev could not load isolated-vm, its V8 isolates, on Node.js ' +
    process.version +
    ' (' +
    process.platform +
    '-' +
    process.arch +
    ')' +
    (cause ? ': ' + cause.trim() : '') +
    '. It builds with python3, make and a C++ compiler; see its compiler output with ' +
    '`npm rebuild isolated-vm --foreground-scripts`.'
  );
}

module.exports = { nodeProblem: nodeProblem, isolatedVmProblem: isolatedVmProblem };

function main() {
  var problem = nodeProblem(process.version);
  if (!problem && process.argv.indexOf('--isolated-vm') >= 0) {
    // biome-ignore lint/style/useNodejsImportProtocol: Node before 14.18 knows no node: prefix
    problem = isolatedVmProblem(require('child_process').spawnSync);
  }
  if (problem) {
    process.stderr.write(problem + '\n');
    process.exitCode = 1;
  }
}

if (require.main === module) main();
