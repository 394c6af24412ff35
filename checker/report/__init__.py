"""Report: render a Report model (JSON, Markdown, HTML, SARIF, JUnit) and write it to disk."""
