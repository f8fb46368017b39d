fn main() {
    autan::start();
}
