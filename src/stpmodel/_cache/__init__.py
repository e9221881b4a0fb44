"""The on-disk cache of the bundled roadmap: nothing read from it can run code or be stale.

So that short-lived processes (the command line) do not parse on every start, the parse of
the bundled roadmap is cached on disk (docs/safety.md says the same for users):

- **Where** (`_folder`). `$STPMODEL_CACHE_DIR`, else `$XDG_CACHE_HOME/stpmodel`, else
  `$HOME/.cache/stpmodel`. A relative path in any of these, or no `HOME`, means no cache
  (the roadmap is parsed in memory): a cache is never resolved against the current folder.
  `STPMODEL_CACHE_DIR=""` turns the cache off. So does a platform without POSIX owners.
- **Trusted only when private** (`_folder`, `_files`). The folder is created `0o700` (and
  so is each missing folder above it, such as `~/.cache`, whatever the umask); it, and each
  cache file, are used only when they belong to the current user and no one else can write
  them (group/world-writable is refused). A folder shared by two users is used by neither.
  Files are opened with `O_NOFOLLOW`: a symlink is never read.
- **Keyed by content** (`_key`). The file name carries a BLAKE2b hash of the contents of
  the files the parse depends on (the text, the registries, the parser, the dates engine,
  the model, this package) and of the Python version, so a change to any of them (same
  size and same mtime included) makes a new parse. The first line of every file repeats
  the key and carries a digest of the rest, so a file damaged after writing is refused.
- **Data, not code.** The roadmap file (`_roadmap`) holds the roadmap's fields as a pickle
  read by an allow-listing unpickler: it builds only the model's classes and enums,
  `datetime.date`, `decimal.Decimal` and builtin containers, and refuses any other global,
  so a planted pickle cannot call anything. The result is then checked against the
  classes' declared field types (the type dispatch `schema.py` uses too) before the
  [Roadmap][stpmodel.Roadmap] is built from it (its index is rebuilt, never read). The
  command line's plain records (`stpmodel._plain`) are JSON. Anything wrong — a foreign,
  damaged, planted or old-layout file — is ignored and replaced by a fresh parse.
- **Written safely** (`_files`). A new file is written to a `tempfile.mkstemp` file
  (created exclusively, mode `0o600`, never through a symlink) in the same folder and
  renamed over the target (a symlink at the target is replaced, not followed); a temporary
  file is removed on any failure. Pruning removes only names this package makes, owned by
  the user.

JSON through cattrs was measured as the roadmap file's format: loading the cached roadmap
that way costs about 40 ms (cattrs' import and structuring), the allow-listed pickle about
3.5 ms (docs/performance.md).

This package imports nothing of the model until a roadmap is read or written: `_key`,
`_folder` and `_files` serve the command line's plain path, which never loads attrs.
"""
