// @ts-check
/**
 * Untitled buffers, linted as a page at the top of the workspace.
 *
 * `yeplint server` lints a buffer as the file it will be saved as, and takes a buffer for a
 * page by its name (`.md`, `.mdx`, ...). An untitled buffer (`untitled:Untitled-1`) has
 * neither, so the client gives it one on the wire: `Untitled-1.md` in the first workspace
 * folder (or the temporary folder without a workspace), which the configuration there
 * applies to. Only names handed out here are turned back into the untitled buffer, so a real
 * file of the same name stays itself.
 */

const path = require("node:path");
const { pathToFileURL } = require("node:url");

/** The page extension a language's buffers are linted with. */
const EXTENSIONS = { markdown: ".md", mdx: ".mdx" };

class UntitledNames {
  /** @param {() => string} folder Where untitled pages are placed (asked each time). */
  constructor(folder) {
    this.folder = folder;
    /** @type {Map<string, string>} protocol URI -> untitled URI */
    this.back = new Map();
  }

  /**
   * The `file:` URI the server sees for an untitled buffer.
   * @param {string} untitledUri `untitled:Untitled-1`
   * @param {string} languageId
   */
  toServer(untitledUri, languageId) {
    const name = decodeURIComponent(untitledUri.slice(untitledUri.indexOf(":") + 1));
    const base = path.basename(name.replaceAll("\\", "/")) || "Untitled";
    const known = /** @type {Record<string, string>} */ (EXTENSIONS)[languageId] ?? ".md";
    const file = base.toLowerCase().endsWith(known) ? base : base + known;
    const uri = pathToFileURL(path.join(this.folder(), file)).href;
    this.back.set(uri, untitledUri);
    return uri;
  }

  /**
   * The untitled buffer a URI from the server stands for, if it is one of ours.
   * @param {string} uri
   * @returns {string | undefined}
   */
  fromServer(uri) {
    return this.back.get(uri);
  }
}

module.exports = { UntitledNames };
