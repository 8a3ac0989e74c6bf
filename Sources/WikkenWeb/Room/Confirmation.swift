/// The tick that confirms a removal or anything else that cannot simply be undone
/// (`<input type="checkbox" name="zeker" value="ja">`), decoded from any form.
struct Confirmation: Decodable {
    var zeker: String?
    var confirmed: Bool { zeker == "ja" }
}
