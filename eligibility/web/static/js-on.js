// Runs before the page is drawn: marks that JavaScript is on, so the no-JavaScript fallbacks stay hidden.
document.documentElement.className = document.documentElement.className.replace(/\bno-js\b/, "js");
