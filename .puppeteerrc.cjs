// The browser comes from @sparticuz/chromium (inside its npm tarball); puppeteer must not try to
// download Chrome, which cannot work on machines that only reach the npm registry.
module.exports = { skipDownload: true };
