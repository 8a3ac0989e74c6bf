import WikkenCLI

@main
enum Entry {
    static func main() async {
        await Wikken.main(nil)
    }
}
