// Three builds (invoker.properties), all with -T 2C; the last one failed on purpose.
def log = new File(basedir, 'build.log').text
assert log.contains('MultiThreadedBuilder') : 'the builds did not run in parallel (-T 2C)'

// 1: per-module check passed. Each module alone misses the path: data's SQL takes a method
//    parameter, web's request data goes into a call it cannot see into.
def slurper = new groovy.json.JsonSlurper()
def dataSarif = new File(basedir, 'data/target/bulwark/bulwark.sarif')
assert dataSarif.isFile() : 'per-module check wrote no SARIF for data'
assert slurper.parse(dataSarif).runs[0].results.isEmpty() : 'per-module check of data found something'
assert new File(basedir, 'web/target/bulwark/bulwark.txt').text.contains('Bulwark: 0 findings')

// 2: the aggregate page at the root covers both modules in one scan (run as a goal, a report
//    goes to target/reports; in mvn site, to target/site): the request data read in web reaches
//    data's SQL.
def page = new File(basedir, 'target/reports/bulwark.html')
assert page.isFile() : 'aggregate wrote no target/reports/bulwark.html at the root'
def html = page.text
assert html.contains('data/src/main/java/com/acme/data/UserRepository.java:18') : html
assert html.contains('docs/rules/SqlInjection.md') : html
assert html.contains('web/src/main/java/com/acme/web/UserHandler.java') : 'cross-module path missing'
assert html.contains('Verdict: 1 finding at or above high (check fails).') : html

// 3: aggregate-check agreed with the page, and failed.
def sarif = new File(basedir, 'target/bulwark/bulwark.sarif')
assert sarif.isFile() : 'aggregate-check wrote no SARIF at the root'
def results = slurper.parse(sarif).runs[0].results
assert results.size() == 1 : "expected one finding, got ${results*.ruleId}"
assert results[0].ruleId == 'SqlInjection'
assert log.contains('Bulwark: 1 finding at or above high')
assert log.contains('BUILD FAILURE')

// 2 and 3 parsed nothing. The aggregate page took every file's results (findings, cross-file
// facts, pending questions) from the modules' own caches that build 1 left in data/target and
// web/target, and decided them across both modules; aggregate-check then found nothing changed
// in the root's cache the page had written, and reported the last result whole.
def cacheLines = log.readLines().findAll { it.contains('Bulwark cache: ') }
assert cacheLines.size() == 4 : cacheLines.join('\n')
assert cacheLines[0].contains('0 reused, 1 analysed') && cacheLines[1].contains('0 reused, 1 analysed')
assert cacheLines[2].contains('2 reused, 0 analysed') : cacheLines[2]
assert cacheLines[3].contains('0 analysed') && cacheLines[3].contains('nothing changed') : cacheLines[3]
return true
