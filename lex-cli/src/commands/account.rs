//! The network side shared by `publish`, `unpublish`, `status` and `check-dns`: the client
//! their network arguments configure and the account they act for, with failures printed
//! and turned into exit codes.

use lex_compiler::network::publish::{Account, Client};

use super::install::NetworkArgs;
use super::publish::fail;
use crate::exit::ExitCode;
use crate::output::errln;

/// The network client `network` configures; a configuration it refuses is a usage error
/// (printed).
pub(super) fn client(network: &NetworkArgs) -> Result<Client, ExitCode> {
    Client::new(network.config()).map_err(|m| {
        errln!("error: {m}");
        ExitCode::Usage
    })
}

/// The client `network` configures and the account named by `handle` or `did`, when
/// either is given; a failure is printed and becomes the exit code.
pub(super) fn connect(
    network: &NetworkArgs,
    handle: Option<&str>,
    did: Option<&str>,
) -> Result<(Client, Option<Account>), ExitCode> {
    let client = client(network)?;
    if handle.is_none() && did.is_none() {
        return Ok((client, None));
    }
    let account = client.account(handle, did).map_err(|e| fail(&e))?;
    Ok((client, Some(account)))
}
