//! The Agenda's own bundle (agenda.html).
fn main() {
    autan::start_agenda();
}
