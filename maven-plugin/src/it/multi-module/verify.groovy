// Two builds (invoker.properties), both with -T 2C; the second one failed on purpose.
def log = new File(basedir, 'build.log').text
assert log.contains('MultiThreadedBuilder') : 'the builds did not run in parallel (-T 2C)'

// 1: per-module check passed. Each module alone misses the path: data's SQL takes a method
//    parameter, web's request data goes into a call it cannot see into.
def dataSarif = new File(basedir, 'data/target/bulwark/bulwark.sarif')
assert dataSarif.isFile() : 'per-module check wrote no SARIF for data'
def slurper = new groovy.json.JsonSlurper()
assert slurper.parse(dataSarif).runs[0].results.isEmpty() : 'per-module check of data found something'
assert new File(basedir, 'data/target/bulwark/bulwark.txt').text.contains('Bulwark: 0 findings')
assert new File(basedir, 'web/target/bulwark/bulwark.txt').text.contains('Bulwark: 0 findings')

// 2: aggregate-check followed the request data from web into data's SQL, and failed.
def sarif = new File(basedir, 'target/bulwark/bulwark.sarif')
assert sarif.isFile() : 'aggregate-check wrote no SARIF at the root'
def json = slurper.parse(sarif)
def results = json.runs[0].results
assert results.size() == 1 : "expected one finding, got ${results*.ruleId}"
assert results[0].ruleId == 'SqlInjection'
assert results[0].locations[0].physicalLocation.artifactLocation.uri ==
    'data/src/main/java/com/acme/data/UserRepository.java'
assert results[0].message.text.contains('web/src/main/java/com/acme/web/UserHandler.java')
def userRepository = new File(basedir, 'data/src/main/java/com/acme/data/UserRepository.java')
assert log.contains("${userRepository.absolutePath}:[18,54] CRITICAL [SqlInjection]")
assert log.contains('Bulwark: 1 finding at or above high')
assert log.contains('BUILD FAILURE')

// 2 parsed nothing: aggregate-check took every file's results (findings, cross-file facts,
// pending questions) from the modules' own caches that build 1 left in data/target and
// web/target, and decided them across both modules.
def cacheLines = log.readLines().findAll { it.contains('Bulwark cache: ') }
assert cacheLines.size() == 3 : cacheLines.join('\n')
assert cacheLines[0].contains('0 reused, 1 analysed') && cacheLines[1].contains('0 reused, 1 analysed')
assert cacheLines[2].contains('2 reused, 0 analysed') : cacheLines[2]
return true
