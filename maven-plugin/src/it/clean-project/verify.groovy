def log = new File(basedir, 'build.log').text
assert log.contains('Bulwark: 0 findings') : 'summary not printed'
assert new File(basedir, 'target/bulwark/bulwark.sarif').isFile() : 'no SARIF report'
return true
