# mailsift phishing pack: links to hosts where phishing pages are set up in minutes: online forms, free
# site builders and cloud storage serving a login page.
require ["vnd.mailsift.score", "vnd.mailsift.html", "regex"];

# PHISH_FORM_LINK: a link to an online form or a free page or file host that can show a login page.
if anyof (
    links :url :regex "^https?://(docs\\.google\\.com/forms|forms\\.gle/|forms\\.office\\.com|forms\\.microsoft\\.com|[^/]*\\.jotform\\.com|[^/]*\\.typeform\\.com|sites\\.google\\.com/)",
    links :host :regex "(^|\\.)(wixsite\\.com|weebly\\.com|000webhostapp\\.com|firebaseapp\\.com|web\\.app|glitch\\.me|netlify\\.app|pages\\.dev|workers\\.dev|webflow\\.io|square\\.site|godaddysites\\.com|mystrikingly\\.com|ipfs\\.io|dweb\\.link|herokuapp\\.com|vercel\\.app|repl\\.co|ngrok\\.io|ngrok-free\\.app)$",
    links :host :is ["firebasestorage.googleapis.com", "storage.googleapis.com", "s3.amazonaws.com",
                     "windows.net", "codepen.io", "jsfiddle.net", "formsubmit.co", "form.jotform.com"]) {
    addscore "1.5" "PHISH_FORM_LINK";
}
