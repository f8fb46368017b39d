//! The Contacts' own bundle (contacts.html).
fn main() {
    autan::start_contacts();
}
