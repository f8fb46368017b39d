//! « Mon compte » (MaMamia): the account pages' own bundle (compte.html).
fn main() {
    autan::start_account();
}
