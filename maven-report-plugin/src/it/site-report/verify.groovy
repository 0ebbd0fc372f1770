// mvn site wrote the Bulwark page with the findings, their rules linked to the rule pages.
def page = new File(basedir, 'target/site/bulwark.html')
assert page.isFile() : 'no target/site/bulwark.html'
def html = page.text
assert html.contains('Bulwark Security Report') : 'page title missing'
assert html.contains('src/main/java/com/acme/Foo.java:16') : 'trust-all finding location missing'
assert html.contains('TrustAllCertificates') : 'trust-all rule missing'
assert html.contains('SwallowedException') : 'swallowed exception rule missing'
assert html.contains('docs/rules/TrustAllCertificates.md') : 'rule not linked to its page'
assert html.contains('CRITICAL') && html.contains('MEDIUM') : 'severities missing'
assert html.contains('1 finding at or above high') : 'verdict missing'
// The site's project menu lists the report, as it does PMD's.
def index = new File(basedir, 'target/site/project-reports.html')
assert !index.isFile() || index.text.contains('bulwark.html') : 'report not in the site menu'
return true
