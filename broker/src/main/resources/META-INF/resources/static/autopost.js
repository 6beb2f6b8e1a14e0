// Submits the page's single form at once: the SAML HTTP-POST binding and the callback re-post.
// Without script the citizen presses the button; nothing else on Most's pages uses script.
document.getElementById('autopost').submit();
