#!/usr/bin/env node
// Lays out an Azure Functions custom-handler package and writes it as a zip, with Node's standard library only
// (a machine with .NET and Node has no guaranteed `zip` binary).
//
//   node scripts/package-zip.mjs --publish <dotnet publish output> --host-json <host.json>
//                                --functions <folder of <FunctionName>/function.json> --out <zip>
//
// Layout (shared/reference/azure-protocols.md section 1.2): host.json at the root, one folder per function holding
// its function.json, and the publish output (with the handler executable named by host.json's
// customHandler.description.defaultExecutablePath) at the root.
//
// Unix permissions are stored in each entry's external attributes with "version made by" = Unix, so the
// executable keeps its execute bit when the platform unpacks the zip (section 1.1, packaging gotcha).
// Local settings and key material are never packaged. The zip is deterministic: sorted entries, fixed timestamps.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const excludedFileNames = new Set(['local.settings.json', 'appsettings.development.json']);
const excludedExtensions = new Set(['.pem', '.key', '.pfx', '.p12', '.snk']);
const excludedDirectoryNames = new Set(['.medledger']);

class PackageError extends Error {}

function parseArguments(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) {
      throw new PackageError(`unexpected argument '${name}'. Usage: --publish DIR --host-json FILE --functions DIR --out FILE`);
    }
    options[name.slice(2)] = value;
  }
  for (const required of ['publish', 'host-json', 'functions', 'out']) {
    if (!options[required]) {
      throw new PackageError(`missing --${required}. Usage: --publish DIR --host-json FILE --functions DIR --out FILE`);
    }
  }
  return options;
}

function readJson(file, what) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new PackageError(`${what} not found: ${file}`);
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw new PackageError(`${what} is not valid JSON (${file}): ${error.message}`);
  }
}

function isExcluded(relativePath) {
  const parts = relativePath.split('/');
  if (parts.slice(0, -1).some(part => excludedDirectoryNames.has(part.toLowerCase()))) {
    return true;
  }
  const fileName = parts[parts.length - 1].toLowerCase();
  return excludedFileNames.has(fileName) || excludedExtensions.has(path.extname(fileName));
}

function listFiles(root, relative = '') {
  const files = [];
  for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const entryPath = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      files.push(...listFiles(root, entryPath));
    } else if (entry.isFile()) {
      files.push(entryPath);
    } else {
      throw new PackageError(`publish output contains '${entryPath}', which is neither a file nor a folder (links are not packaged)`);
    }
  }
  return files;
}

/** Collects the entries of the package: { name, mode, data?, isDirectory }. */
function layout(options) {
  const publishDir = path.resolve(options.publish);
  if (!fs.existsSync(publishDir) || !fs.statSync(publishDir).isDirectory()) {
    throw new PackageError(`publish output folder not found: ${publishDir}`);
  }

  const hostJson = readJson(options['host-json'], 'host.json');
  const executable = hostJson.value?.customHandler?.description?.defaultExecutablePath;
  if (typeof executable !== 'string' || executable.trim() === '') {
    throw new PackageError(`host.json has no customHandler.description.defaultExecutablePath (${options['host-json']})`);
  }
  if (path.isAbsolute(executable) || executable.split(/[\\/]/).includes('..')) {
    throw new PackageError(`defaultExecutablePath must be a path inside the package, not '${executable}'`);
  }
  const executableName = executable.replaceAll('\\', '/');

  const functionsDir = path.resolve(options.functions);
  if (!fs.existsSync(functionsDir)) {
    throw new PackageError(`function definitions folder not found: ${functionsDir}`);
  }
  const functionNames = fs.readdirSync(functionsDir, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name)
    .sort();
  if (functionNames.length === 0) {
    throw new PackageError(`no function folders in ${functionsDir}`);
  }

  const entries = new Map();
  const add = entry => {
    const key = entry.name.toLowerCase();
    if (entries.has(key)) {
      throw new PackageError(`two package entries are named '${entry.name}' (a function folder or host.json clashes with the publish output)`);
    }
    entries.set(key, entry);
  };

  add({ name: 'host.json', mode: 0o644, data: Buffer.from(hostJson.text, 'utf8') });

  for (const functionName of functionNames) {
    const definition = path.join(functionsDir, functionName, 'function.json');
    const parsed = readJson(definition, `function.json of '${functionName}'`);
    if (!Array.isArray(parsed.value?.bindings) || parsed.value.bindings.length === 0) {
      throw new PackageError(`function.json of '${functionName}' has no bindings (${definition})`);
    }
    add({ name: `${functionName}/`, mode: 0o755, isDirectory: true });
    add({ name: `${functionName}/function.json`, mode: 0o644, data: Buffer.from(parsed.text, 'utf8') });
  }

  const excluded = [];
  let executableFound = false;
  for (const relative of listFiles(publishDir)) {
    if (isExcluded(relative)) {
      excluded.push(relative);
      continue;
    }
    const fullPath = path.join(publishDir, relative);
    const clash = entries.get(relative.toLowerCase());
    if (clash) {
      // The project may copy host.json or a function.json into its output too: the same bytes are fine.
      if (clash.data && clash.data.equals(fs.readFileSync(fullPath))) {
        continue;
      }
      throw new PackageError(`publish output has '${relative}', which differs from the package's own copy`);
    }
    const isExecutable = relative === executableName;
    executableFound ||= isExecutable;
    // Keep the execute bit where the publish output has it (the apphost, createdump); force it on the handler.
    const sourceMode = fs.statSync(fullPath).mode;
    const mode = isExecutable || (sourceMode & 0o111) !== 0 ? 0o755 : 0o644;
    add({ name: relative, mode, data: fs.readFileSync(fullPath) });
  }
  if (!executableFound) {
    throw new PackageError(`the handler executable '${executableName}' (host.json defaultExecutablePath) is not in the publish output ${publishDir}`);
  }

  const sorted = [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { entries: sorted, excluded, functionNames, executableName };
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data) {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// APPNOTE.TXT (PKWARE .ZIP File Format Specification) 4.3.7, 4.3.12, 4.3.16; no ZIP64, so sizes stay below 4 GiB.
const versionMadeByUnix = (3 << 8) | 20; // upper byte 3 = UNIX: external attributes carry st_mode in the high 16 bits
const versionNeeded = 20;
const utf8NamesFlag = 0x0800;
const dosTime = 0; // 00:00:00
const dosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01: fixed, so the same input gives the same bytes

function writeZip(entries, outFile) {
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const temporary = `${outFile}.partial`;
  const fd = fs.openSync(temporary, 'w', 0o644);
  let offset = 0;
  const write = buffer => {
    fs.writeSync(fd, buffer);
    offset += buffer.length;
  };
  const central = [];
  try {
    for (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8');
      const data = entry.data ?? Buffer.alloc(0);
      const deflated = entry.isDirectory ? data : zlib.deflateRawSync(data, { level: 9 });
      const stored = entry.isDirectory || deflated.length >= data.length;
      const body = stored ? data : deflated;
      const crc = crc32(data);
      if (offset + body.length > 0xfffffff0) {
        throw new PackageError('package exceeds 4 GiB (ZIP64 is not supported)');
      }
      const localHeaderOffset = offset;

      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(versionNeeded, 4);
      local.writeUInt16LE(utf8NamesFlag, 6);
      local.writeUInt16LE(stored ? 0 : 8, 8);
      local.writeUInt16LE(dosTime, 10);
      local.writeUInt16LE(dosDate, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      write(local);
      write(name);
      write(body);

      const fileType = entry.isDirectory ? 0o040000 : 0o100000;
      const msDosDirectory = entry.isDirectory ? 0x10 : 0;
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(versionMadeByUnix, 4);
      header.writeUInt16LE(versionNeeded, 6);
      header.writeUInt16LE(utf8NamesFlag, 8);
      header.writeUInt16LE(stored ? 0 : 8, 10);
      header.writeUInt16LE(dosTime, 12);
      header.writeUInt16LE(dosDate, 14);
      header.writeUInt32LE(crc, 16);
      header.writeUInt32LE(body.length, 20);
      header.writeUInt32LE(data.length, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt16LE(0, 30); // extra field length
      header.writeUInt16LE(0, 32); // comment length
      header.writeUInt16LE(0, 34); // disk number start
      header.writeUInt16LE(0, 36); // internal attributes
      header.writeUInt32LE((((fileType | entry.mode) << 16) | msDosDirectory) >>> 0, 38);
      header.writeUInt32LE(localHeaderOffset, 42);
      central.push(header, name);
    }
    if (entries.length > 0xffff) {
      throw new PackageError('package has more than 65535 entries (ZIP64 is not supported)');
    }
    const centralOffset = offset;
    for (const part of central) {
      write(part);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(offset - centralOffset, 12);
    end.writeUInt32LE(centralOffset, 16);
    write(end);
    fs.closeSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  // Appear complete or not at all.
  fs.renameSync(temporary, outFile);
  return offset;
}

try {
  const options = parseArguments(process.argv.slice(2));
  const result = layout(options);
  const size = writeZip(result.entries, options.out);
  const files = result.entries.filter(entry => !entry.isDirectory).length;
  console.log(`package: ${options.out} (${files} files, ${(size / 1048576).toFixed(1)} MiB)`);
  console.log(`package: handler executable '${result.executableName}' (mode 755)`);
  console.log(`package: functions ${result.functionNames.join(', ')}`);
  for (const name of result.excluded) {
    console.log(`package: left out ${name} (local settings or key material)`);
  }
} catch (error) {
  if (error instanceof PackageError) {
    console.error(`package: error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
