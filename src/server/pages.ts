/** The server's own pages (sign-in hints, an unbuilt UI): fixed text, no script (CSP), no user strings. */

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
</head>
<body>
<h1>Afterword</h1>
${body}
</body>
</html>
`;
}

export const NO_UI_PAGE = page('Afterword', `<p>You are signed in, but the web interface is not built in this checkout: run <code>npm run build</code>, then start again. Meanwhile the JSON API answers here:</p>
<ul>
<li><a href="/api/today">/api/today</a>: what is due today</li>
<li><a href="/api/pipeline">/api/pipeline</a>: your applications by status</li>
</ul>
<p>See docs/server.md for every route.</p>`);

export const NOT_SIGNED_IN_PAGE = page('Afterword: sign in', '<p>Not signed in. Open the address with <code>?key=…</code> that <code>afterword serve</code> printed when it started.</p>');

export const WRONG_KEY_PAGE = page('Afterword: wrong key', '<p>That key is not this installation\u2019s. Open the address that <code>afterword serve</code> printed when it started.</p>');
