//! Starts `yeplint server` from the PATH of the worktree's shell.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Yeplint;

impl zed::Extension for Yeplint {
    fn new() -> Self {
        Yeplint
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree
            .which("yeplint")
            .ok_or_else(|| "yeplint is not on the PATH: pip install 'yeplint[lsp]'".to_string())?;
        Ok(zed::Command {
            command,
            args: vec!["server".to_string()],
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Yeplint);
