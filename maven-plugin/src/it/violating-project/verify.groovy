// The build failed (invoker.properties); check it failed for the right reasons.
def log = new File(basedir, 'build.log').text
def foo = new File(basedir, 'src/main/java/com/acme/Foo.java').absolutePath

assert log.contains("${foo}:[16,17] CRITICAL [TrustAllCertificates]") : 'trust-all finding not printed'
assert log.contains("${foo}:[27,7] MEDIUM [SwallowedException]") : 'swallowed exception not printed'
assert log.contains('fix: ') : 'fix line not printed'
assert log.contains('Bulwark: 1 finding at or above high') : 'verdict not printed'

def sarif = new File(basedir, 'target/bulwark/bulwark.sarif')
assert sarif.isFile() : 'no SARIF report'
assert sarif.text.contains('"ruleId": "TrustAllCertificates"') || sarif.text.contains('"ruleId":"TrustAllCertificates"')
assert new File(basedir, 'target/bulwark/bulwark.txt').isFile() : 'no text report'
return true
