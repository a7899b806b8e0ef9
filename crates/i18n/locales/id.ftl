# Bahasa Indonesia (Indonesian).

## Catalog metadata
meta-language-name = Bahasa Indonesia
meta-script = latin

## Shared values
date = {$day} {$month ->
    [1] Januari
    [2] Februari
    [3] Maret
    [4] April
    [5] Mei
    [6] Juni
    [7] Juli
    [8] Agustus
    [9] September
    [10] Oktober
    [11] November
   *[12] Desember
} {$year}
sex-male = Laki-laki
sex-female = Perempuan
relationship-head = Kepala rumah tangga
relationship-spouse = Suami atau istri
relationship-child = Anak
relationship-child-in-law = Menantu
relationship-parent = Orang tua
relationship-grandparent = Kakek atau nenek
relationship-grandchild = Cucu
relationship-sibling = Saudara kandung
relationship-other-relative = Kerabat lain
relationship-cohabitant = Tinggal serumah (bukan kerabat)

## Field labels
field-name = Nama
field-name-kana = Nama dalam katakana
field-alias = Nama alias terdaftar
field-birth-date = Tanggal lahir
field-sex = Jenis kelamin
field-address = Alamat
field-previous-address = Alamat sebelumnya
field-relationship = Hubungan dengan kepala rumah tangga
field-householder = Kepala rumah tangga
field-individual-number = Nomor Individu
field-resident-code = Kode catatan penduduk
field-nationality = Kewarganegaraan atau wilayah
field-status-of-residence = Status izin tinggal
field-period-of-stay = Masa tinggal berakhir pada
field-became-resident = Menjadi penduduk pada
field-issuer = Pemerintah kota penerbit
field-issue-date = Tanggal terbit
field-application-id = ID formulir permohonan

## Individual Number notification
notice-title = Pemberitahuan Nomor Individu
notice-intro = Surat ini memberitahukan Nomor Individu (My Number) Anda. Nomor ini akan Anda gunakan seumur hidup.
notice-not-proof = Surat ini tidak membuktikan identitas Anda dan tidak membuktikan Nomor Individu Anda. Surat ini tidak dapat digunakan sebagai kartu identitas atau bukti nomor, dan perusahaan tidak boleh menerimanya.
notice-keep = Surat ini tidak akan diterbitkan ulang, jadi simpanlah baik-baik. Jika hilang, Anda dapat memastikan nomor Anda dengan salinan catatan penduduk yang mencantumkan nomor tersebut, atau dengan Kartu My Number.
notice-apply-heading = Cara mengajukan Kartu My Number
notice-apply-mail = Lewat pos: tempelkan foto wajah Anda pada formulir permohonan terlampir, tanda tangani, lalu kirim dengan amplop balasan.
notice-apply-online = Daring: pindai kode QR pada formulir permohonan dengan ponsel pintar, atau masukkan ID formulir 23 digit di situs permohonan, lalu unggah foto wajah Anda.
notice-apply-counter = Di loket: bawa surat ini dan formulir permohonan ke kantor kota, distrik, kota kecil, atau desa Anda.
notice-apply-free = Kartu pertama Anda gratis. Kami akan memberi tahu nanti kapan dan di mana kartu dapat diambil.

## Card application form
form-title = Formulir Permohonan Kartu My Number
form-photo = Foto (tinggi 4,5 cm × lebar 3,5 cm)
form-photo-rules = Gunakan foto yang diambil dalam 6 bulan terakhir: menghadap depan, tanpa topi, latar polos. Tulis nama dan tanggal lahir Anda di baliknya.
form-signature = Tanda tangan pemohon
form-application-date = Tanggal permohonan
form-online = Pindai dengan ponsel pintar untuk mengajukan secara daring
form-moved = Jika nama atau alamat Anda berubah, formulir ini tidak dapat digunakan lagi. Mintalah formulir baru di kantor pemerintah kota Anda.

## Copy of resident record / certificate of recorded matters
record-title-copy = Salinan Catatan Penduduk
record-title-matters = Surat Keterangan Hal yang Tercatat dalam Catatan Penduduk
record-certify-copy = Dengan ini dinyatakan bahwa salinan ini sesuai dengan catatan penduduk aslinya.
record-certify-matters = Dengan ini dinyatakan bahwa hal-hal di atas tercatat dalam catatan penduduk.
record-members = Anggota rumah tangga
record-omitted = Hal yang tidak diminta tidak dicantumkan.
record-removed = Catatan penduduk ini telah dihapus (disimpan sebagai catatan lama).
record-verification-code = Kode verifikasi
record-verify-how = Untuk memastikan surat keterangan ini tidak diubah, pindai kode QR atau masukkan kode verifikasi di {$url}.

## Verification page
verify-title = Verifikasi surat keterangan
verify-genuine = Surat keterangan ini diterbitkan oleh sistem. Isinya sebagai berikut.
verify-unknown = Tidak ada surat keterangan dengan kode verifikasi ini. Dokumen ini mungkin palsu.
verify-file-genuine = Berkas ini sama persis seperti saat diterbitkan dan tidak diubah.
verify-file-altered = Berkas ini diubah setelah diterbitkan, atau tidak diterbitkan oleh sistem ini.
